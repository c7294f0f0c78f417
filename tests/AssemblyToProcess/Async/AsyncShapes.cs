using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Usdt;

namespace AssemblyToProcess.Async;

/// <summary>Every kind of async method the weaver must report truthfully.</summary>
[Probe]
public class AsyncWork
{
    public async Task<int> DelayThenAdd(int a, int b, int ms)
    {
        await Task.Delay(ms);
        return a + b;
    }

    public async Task Fail(string why)
    {
        await Task.Yield();
        throw new InvalidOperationException(why);
    }

    public async Task FailSynchronously(string why)
    {
        if (why.Length > 0)
            throw new ArgumentException(why);
        await Task.Yield();
    }

    public async ValueTask<string> Cancelled(int ms, CancellationToken token)
    {
        await Task.Delay(ms, token);
        return "done";
    }

    public async Task<T> Echo<T>(T value)
    {
        await Task.Yield();
        return value;
    }

    /// <summary>Completes without ever suspending: the return probe fires inside the call.</summary>
    public async Task<int> Synchronous(int x)
    {
        await Task.CompletedTask;
        return x + 1;
    }

    public async Task<string> ConfigureAwaitFalse(string text)
    {
        await Task.Delay(1).ConfigureAwait(false);
        await Task.Yield();
        return text + "!";
    }

    public async Task<int> AwaitInLoop(int count)
    {
        int sum = 0;
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            sum += i;
        }
        return sum;
    }

    public async Task<string> TryCatchFinally(int mode)
    {
        try
        {
            await Task.Yield();
            if (mode == 1)
                throw new InvalidOperationException("mode 1");
            if (mode == 2)
                throw new FormatException("mode 2");
            return "ok";
        }
        catch (InvalidOperationException e)
        {
            await Task.Yield();
            return "caught " + e.Message;
        }
        finally
        {
            await Task.Yield();
            SideEffects.Record("async finally " + mode);
        }
    }

    public async Task<int> EarlyReturn(int x)
    {
        if (x < 0)
            return -1;
        await Task.Yield();
        if (x == 0)
            return 0;
        await Task.Delay(1);
        return x;
    }

    public async ValueTask Plain(int ms)
    {
        await Task.Delay(ms);
        SideEffects.Record("plain " + ms);
    }

    public async ValueTask<DateTime> Later(DateTime when)
    {
        await Task.Yield();
        return when.AddDays(1);
    }

    public async Task<Guid> NewId(string text)
    {
        await Task.Yield();
        return Guid.Parse(text);
    }

    public async Task<List<int>> Unsupported(int n)
    {
        await Task.Yield();
        return [n];
    }

    /// <summary>async void: the return probe fires when the method body completes.</summary>
    public async void FireAndForget(int value, TaskCompletionSource<int> done)
    {
        await Task.Yield();
        done.SetResult(value * 2);
    }

    public static async Task<int> StaticAsync(int x)
    {
        await Task.Yield();
        return x * 10;
    }
}

/// <summary>An async method of a generic type, and a generic async method in it.</summary>
[Probe]
public class AsyncBox<T>
{
    private readonly T _value;

    public AsyncBox(T value) => _value = value;

    public async Task<T> GetAsync(int ms)
    {
        await Task.Delay(ms);
        return _value;
    }

    public async ValueTask<(T, TOther)> PairAsync<TOther>(TOther other)
    {
        await Task.Yield();
        return (_value, other);
    }
}

/// <summary>An async struct method.</summary>
[Probe]
public struct AsyncCounter
{
    private int _count;

    public async Task<int> IncrementLater(int by)
    {
        await Task.Yield();
        _count += by;
        return _count;
    }
}
