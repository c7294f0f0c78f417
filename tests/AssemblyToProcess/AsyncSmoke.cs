using System;
using System.Threading;
using System.Threading.Tasks;
using Usdt;

namespace AssemblyToProcess;

public class AsyncWork
{
    [Probe]
    public async Task<int> DelayThenAdd(int a, int b, int ms)
    {
        await Task.Delay(ms);
        return a + b;
    }

    [Probe]
    public async Task Fail(string why)
    {
        await Task.Yield();
        throw new InvalidOperationException(why);
    }

    [Probe]
    public async ValueTask<string> Cancelled(CancellationToken token)
    {
        await Task.Delay(1000, token);
        return "never";
    }

    [Probe]
    public async Task<T> Echo<T>(T value)
    {
        await Task.Yield();
        return value;
    }
}

[ProbeProvider("smokeshop")]
public static class ShopProbes
{
    public static void OrderPlaced(int orderId, string sku) { }
    public static bool IsOrderPlacedEnabled => false;
}
