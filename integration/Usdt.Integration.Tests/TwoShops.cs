using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// Two shops of one build running at once, for a tracer attached by the library's path
/// with no process named: the first runs before the tracer attaches and goes on, the
/// second starts after it attached and places <see cref="SecondOrders"/> orders. What the
/// tracer saw of each process is then checked against what that shop logged.
/// </summary>
internal sealed class TwoShops : IDisposable
{
    public const int SecondOrders = 30;

    private readonly string[] _command;
    private int _firstLoggedAtAttach = -1;

    private TwoShops(string[] command, ShopProcess first)
    {
        _command = command;
        First = first;
    }

    public ShopProcess First { get; }
    public ShopProcess? Second { get; private set; }

    public static TwoShops StartFirst(string[] command) => new(command, ShopProcess.Start(command));

    /// <summary>
    /// Call once the tracer is attached: starts the second shop (<paramref name="started"/>
    /// sees it running), lets it place its orders while the first goes on, then stops the first.
    /// </summary>
    public void RunSecondThenStopFirst(Action<ShopProcess>? started = null)
    {
        _firstLoggedAtAttach = First.Orders;
        Second = ShopProcess.Start(_command, "--orders", SecondOrders.ToString(CultureInfo.InvariantCulture), "--interval-ms", "20");
        started?.Invoke(Second);
        Second.WaitForExit(TimeSpan.FromMinutes(2));
        int firstDuring = First.Orders - _firstLoggedAtAttach;
        First.WaitForMoreOrders(2);
        First.Stop();

        Assert.True(Second.ExitCode == 0, "the second shop failed:\n" + string.Join('\n', Second.Output));
        Assert.Equal(Enumerable.Range(1000, SecondOrders).Select(c => (long)c), Second.LoggedCustomers);
        Assert.True(firstDuring > 0, "the first shop placed no order while the second ran: they did not run at once");
    }

    /// <summary>True once <paramref name="seen"/> (customers per process id) holds every order a tracer must have seen.</summary>
    public bool SawEveryOrder(ILookup<int, long> seen)
    {
        if (Second is null)
            return false;
        IReadOnlyList<long> first = First.LoggedCustomers;
        var firstSeen = seen[First.ProcessId].ToHashSet();
        return seen[Second.ProcessId].Count() >= SecondOrders &&
            first.Where(c => c > 1000 + _firstLoggedAtAttach).All(firstSeen.Contains);
    }

    /// <summary>
    /// What a tracer saw (the customer of each PlaceOrder entry, by process id) is exactly
    /// what the shops did: every order of the second shop, once; every order of the first
    /// from the first one seen to its last, once, and nothing missed since the attach.
    /// </summary>
    public void AssertSawExactly(ILookup<int, long> seen, string tracer)
    {
        ShopProcess second = Second ?? throw new InvalidOperationException("the second shop never ran");
        string Describe() => $"\n{tracer} saw: " + string.Join("; ", seen.Select(g => $"pid {g.Key}: {string.Join(' ', g.Order())}")) +
            $"\nfirst shop (pid {First.ProcessId}, {_firstLoggedAtAttach} orders logged at the attach) logged: {string.Join(' ', First.LoggedCustomers)}" +
            $"\nsecond shop (pid {second.ProcessId}) logged: {string.Join(' ', second.LoggedCustomers)}";

        Assert.True(seen.All(g => g.Key == First.ProcessId || g.Key == second.ProcessId), "events of another process" + Describe());
        Assert.True(second.LoggedCustomers.SequenceEqual(seen[second.ProcessId].Order()), "the second shop's orders differ" + Describe());

        long[] first = seen[First.ProcessId].Order().ToArray();
        Assert.True(first.Length > 0, "nothing of the first shop" + Describe());
        Assert.True(First.LoggedCustomers.Where(c => c >= first[0]).SequenceEqual(first), "the first shop's orders differ" + Describe());
        // Order 1000+L (L logged at the attach) may have been under way; every later one
        // began after the tracer attached, so the first seen is at most the one after it.
        Assert.True(first[0] <= 1000 + _firstLoggedAtAttach + 1, "orders of the first shop were missed after the attach" + Describe());
    }

    public void Dispose()
    {
        Second?.Dispose();
        First.Dispose();
    }
}
