using System;
using System.IO;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// A directory whose mount forbids executable mappings: the file is written but dlopen
/// fails. Without the memfd fallback probes are disabled; with it, they live in an
/// anonymous memory file that tracers reach through /proc/PID/fd/N.
/// </summary>
public sealed class NoexecDirectoryTests
{
    [SkippableFact]
    public void NoexecMountDisablesProbesWithAReasonWhenMemfdIsForbidden()
    {
        Requires.Met(TracerRequirements.Mount());
        using var mount = new TmpfsMount("noexec");
        var provider = new UsdtProvider(UniqueNames.Next("noexec"));
        provider.AddProbe("p", ProbeArgumentType.Int32);

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, mount.Path, allowMemoryFile: false);

        DisabledRegistration.AssertDisabled(provider, registration, "cannot be loaded", mount.Path, "USDT_MEMFD");
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount.Path)); // the unloadable file is removed
    }

    [SkippableFact]
    public void NoexecMountFallsBackToAMemoryFileThatATracerAttachesToThroughProc()
    {
        Requires.Met(TracerRequirements.Mount(), TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        using var mount = new TmpfsMount("noexec");
        var provider = new UsdtProvider(UniqueNames.Next("memfd"));
        Probe probe = provider.AddProbe("p", ProbeArgumentType.Int32, ProbeArgumentType.Utf8String);

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, mount.Path, allowMemoryFile: true);

        Assert.True(registration.IsActive, registration.ToString());
        Assert.Equal(ProbePlacement.MemoryFile, registration.Placement);
        Assert.Contains("cannot be loaded", registration.Reason);
        string path = registration.LibraryPath!;
        Assert.Matches(new Regex($@"^/proc/{Environment.ProcessId}/fd/\d+$"), path);
        Assert.Contains("memfd:", new FileInfo(path).LinkTarget); // an anonymous memory file, no name on disk

        using var tracefs = new TracefsSession();
        UprobeEvent uprobe = tracefs.AddSdtProbe(path, SdtNotes.ByName(path)["p"], stringArguments: [1]);
        tracefs.Enable(uprobe);
        Assert.True(probe.IsEnabled);
        probe.Fire(-7, "from memfd ✓");
        var record = Assert.Single(tracefs.Read(uprobe));
        tracefs.Disable(uprobe);

        Assert.Equal(-7, record.Integer("a0"));
        Assert.Equal("from memfd ✓", record.Text("s1"));
        Assert.False(probe.IsEnabled);
    }
}
