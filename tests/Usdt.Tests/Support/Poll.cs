using System;
using System.Diagnostics;
using System.Threading;

namespace Usdt.Tests;

/// <summary>Waits for a condition that another process or the kernel makes true.</summary>
internal static class Poll
{
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"timed out after {limit} waiting until {what}");
            Thread.Sleep(5);
        }
    }
}
