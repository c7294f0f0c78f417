using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Usdt.Tests.Tracers;
using K = Usdt.ProbeArgumentType;

namespace Usdt.Tests.Firing;

/// <summary>
/// perf, driven as its manual tells a user: cache the library's build-id, create
/// <c>sdt_PROVIDER:NAME</c> events from its notes, record system-wide, read back with
/// <c>perf script</c>. <see cref="PerfArgumentTests"/> checks the samples.
/// </summary>
public sealed class PerfArgumentsSession
{
    public PerfArgumentsSession()
    {
        Skipped = TracerRequirements.Perf();
        if (Skipped is not null)
            return;

        // Probe names unique too, not only the provider: perf 6.1 refuses "sdt_P:twelve"
        // when an event named "twelve" exists in any group, such as the one the tracefs
        // tests (running in parallel) create in theirs.
        var provider = new UsdtProvider(UniqueNames.Next("perf"));
        string twelveName = UniqueNames.Next("twelve"), pointersName = UniqueNames.Next("pointers");
        Probe twelve = provider.AddProbe(twelveName, TracefsArgumentsSession.TwelveKinds);
        Probe pointers = provider.AddProbe(pointersName, K.Utf8String, K.Utf8String);
        ProbeRegistration registration = provider.Register();
        if (!registration.IsActive)
            throw new InvalidOperationException($"registration failed: {registration}");
        string path = registration.LibraryPath!;

        using var perf = new PerfSession();
        perf.AddToBuildIdCache(path);
        // perf keeps the cached copy under the library's build-id: proof it took the file's note.
        BuildIdCached = Directory.GetFiles(perf.BuildIdDirectory, "*", SearchOption.AllDirectories).Length > 0;
        string twelveEvent = perf.AddSdtEvent(path, provider.Name, twelveName);
        string pointersEvent = perf.AddSdtEvent(path, provider.Name, pointersName);
        Definitions = File.ReadAllLines(Path.Combine(TracerRequirements.TracefsRoot, "uprobe_events"))
            .Where(line => line.Contains($"sdt_{provider.Name}/", StringComparison.Ordinal)).ToArray();

        WasEnabledBefore = twelve.IsEnabled;
        perf.StartRecording([twelveEvent, pointersEvent]);
        EnabledWhileRecording = twelve.IsEnabled && pointers.IsEnabled;
        twelve.Fire(TracefsArgumentsSession.TwelveMinimum);
        twelve.Fire(TracefsArgumentsSession.TwelveMaximum);
        pointers.Fire("not null", (string?)null);
        IReadOnlyList<PerfSample> samples = perf.StopRecording();
        EnabledAfterRecording = twelve.IsEnabled;

        Twelve = samples.Where(s => s.Event == twelveEvent && s.ProcessId == Environment.ProcessId).ToArray();
        Pointers = samples.Where(s => s.Event == pointersEvent && s.ProcessId == Environment.ProcessId).ToArray();
    }

    public string? Skipped { get; }

    public bool BuildIdCached { get; }

    /// <summary>The uprobe_events lines perf probe wrote for these events.</summary>
    public IReadOnlyList<string> Definitions { get; } = [];

    public IReadOnlyList<PerfSample> Twelve { get; } = [];

    public IReadOnlyList<PerfSample> Pointers { get; } = [];

    public bool WasEnabledBefore { get; }

    public bool EnabledWhileRecording { get; }

    public bool EnabledAfterRecording { get; }
}
