using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace DotnetUsdt.Platform;

/// <summary>
/// Turns Ctrl+C (SIGINT), SIGTERM and SIGHUP into a cancellation, so a trace stops cleanly:
/// the tracer is stopped, what it gathered is printed, and everything the tool added to the
/// kernel is removed. A second Ctrl+C does the same, only more insistently.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>Stops now, as a signal would (the reader of the output went away).</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Stops after <paramref name="duration"/> too.</summary>
    public void StopAfter(TimeSpan duration) => _stop.CancelAfter(duration);

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the tool ends by itself, after cleaning up
        _stop.Cancel();
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
            registration.Dispose();
        _stop.Dispose();
    }
}
