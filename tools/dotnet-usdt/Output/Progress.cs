using System;
using System.Diagnostics;

namespace DotnetUsdt.Output;

/// <summary>
/// Progress and notices on stderr, so stdout holds only the trace or the report: a user
/// attaching thousands of probes sees how far it got, never minutes of silence.
/// </summary>
internal sealed class Progress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;

    /// <summary>A notice, always printed.</summary>
    public static void Say(string message) => Console.Error.WriteLine($"dotnet-usdt: {message}");

    /// <summary>Prints <paramref name="done"/>/<paramref name="total"/> at most every <paramref name="every"/> (1 s), and always the last step.</summary>
    public void Step(string what, int done, int total, TimeSpan? every = null)
    {
        TimeSpan now = _clock.Elapsed;
        if (done < total && _last is { } last && now - last < (every ?? TimeSpan.FromSeconds(1)))
            return;
        _last = now;
        Say($"{what}: {done}/{total} ({now.TotalSeconds:0.0} s)");
    }

    /// <summary>Prints <paramref name="what"/> with the time so far, at most every <paramref name="every"/>.</summary>
    public void Tick(string what, TimeSpan every)
    {
        TimeSpan now = _clock.Elapsed;
        if (_last is { } last && now - last < every)
            return;
        _last = now;
        Say($"{what} ({now.TotalSeconds:0} s so far)");
    }

    public TimeSpan Elapsed => _clock.Elapsed;
}
