using System;
using System.Diagnostics;
using System.Threading;

namespace Usdt.Tests.Tracers;

/// <summary>
/// Waits for a condition that another process, a thread pool or the kernel makes true: the
/// one way the tests wait, never a fixed sleep.
/// </summary>
public static class Poll
{
    /// <summary>Returns once <paramref name="condition"/> holds; throws after <paramref name="timeout"/> (10 s), with <paramref name="describe"/>'s text if given.</summary>
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"timed out after {limit} waiting until {what}{describe?.Invoke()}");
            Thread.Sleep(5);
        }
    }
}
