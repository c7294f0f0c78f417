using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Registration;

/// <summary>
/// One process, many registrations: several providers, one provider name registered twice
/// (two assemblies with the same provider), registrations racing on several threads. Each
/// gets a library of its own, and a tracer attached to each library sees each one's fires.
/// </summary>
public sealed class MultipleRegistrationTests
{
    [SkippableFact]
    public void SeveralProvidersInOneProcessAreAllActiveAndTraceable()
    {
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        var providers = Enumerable.Range(0, 3).Select(i => new UsdtProvider(UniqueNames.Next($"multi{i}"))).ToArray();
        var probes = providers.Select(p => p.AddProbe("hit", ProbeArgumentType.Int32)).ToArray();
        var registrations = providers.Select(p => p.Register()).ToArray();

        AssertAllActiveInDistinctFiles(registrations);
        AssertEachTracerSeesOnlyItsOwnProbe(registrations, probes);
    }

    [SkippableFact]
    public void SameProviderNameRegisteredTwiceGivesTwoActiveTraceableLibraries()
    {
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        string name = UniqueNames.Next("twice");
        var first = new UsdtProvider(name);
        var second = new UsdtProvider(name);
        Probe[] probes = [first.AddProbe("hit", ProbeArgumentType.Int32), second.AddProbe("hit", ProbeArgumentType.Int32)];
        ProbeRegistration[] registrations = [first.Register(), second.Register()];

        AssertAllActiveInDistinctFiles(registrations);
        Assert.All(registrations, r => Assert.All(Readelf.Notes(r.LibraryPath!), n => Assert.Equal((name, "hit"), (n.Provider, n.Name))));
        AssertEachTracerSeesOnlyItsOwnProbe(registrations, probes);
    }

    [SkippableFact]
    public void ConcurrentRegistrationFromEightThreadsActivatesEveryProvider()
    {
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        const int Threads = 8;
        var providers = Enumerable.Range(0, Threads).Select(i => new UsdtProvider(UniqueNames.Next($"race{i}"))).ToArray();
        var probes = providers.Select(p => p.AddProbe("hit", ProbeArgumentType.Int32)).ToArray();
        var registrations = new ProbeRegistration[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            registrations[i] = providers[i].Register();
        })).ToArray();
        foreach (Thread thread in threads)
            thread.Start();
        foreach (Thread thread in threads)
            thread.Join();

        AssertAllActiveInDistinctFiles(registrations);
        AssertEachTracerSeesOnlyItsOwnProbe(registrations, probes);
    }

    [SkippableFact]
    public void RegisteringAgainReturnsTheFirstRegistration()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        var provider = new UsdtProvider(UniqueNames.Next("again"));
        provider.AddProbe("hit");

        ProbeRegistration first = provider.Register();
        Assert.True(first.IsActive, first.ToString());
        Assert.Same(first, provider.Register());
        Assert.Same(first, provider.Registration);
        Assert.Single(UsdtDiagnostics.Registrations, r => r.Label == provider.Name);
        Assert.Throws<InvalidOperationException>(() => provider.AddProbe("late"));
    }

    private static void AssertAllActiveInDistinctFiles(IReadOnlyList<ProbeRegistration> registrations)
    {
        Assert.All(registrations, r =>
        {
            Assert.True(r.IsActive, r.ToString());
            Assert.Equal(ProbePlacement.Directory, r.Placement);
            Assert.Contains(r, UsdtDiagnostics.Registrations);
        });
        Assert.Equal(registrations.Count, registrations.Select(r => r.LibraryPath).Distinct().Count());
    }

    /// <summary>A uprobe on each library; probe i fires i once; each tracer sees exactly its own probe's value.</summary>
    private static void AssertEachTracerSeesOnlyItsOwnProbe(IReadOnlyList<ProbeRegistration> registrations, IReadOnlyList<Probe> probes)
    {
        using var tracefs = new TracefsSession();
        var events = registrations.Select(r => tracefs.AddSdtProbe(r.LibraryPath!, SdtNotes.ByName(r.LibraryPath!)["hit"])).ToArray();
        foreach (UprobeEvent uprobe in events)
            tracefs.Enable(uprobe);
        Assert.All(probes, p => Assert.True(p.IsEnabled));

        for (int i = 0; i < probes.Count; i++)
            probes[i].Fire(1000 + i);

        for (int i = 0; i < events.Length; i++)
            Assert.Equal(1000 + i, Assert.Single(tracefs.Read(events[i])).Integer("a0"));
    }
}
