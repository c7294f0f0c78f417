using System.IO;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>A directory that cannot take the file (here a read-only tmpfs; root ignores mode bits, not mount flags).</summary>
public sealed class ReadOnlyDirectoryTests
{
    [SkippableFact]
    public void ReadOnlyMountDisablesProbesWithAReasonWhenMemfdIsForbidden()
    {
        Requires.Met(TracerRequirements.Mount());
        using var mount = new TmpfsMount("ro");
        var provider = new UsdtProvider(UniqueNames.Next("ro"));
        provider.AddProbe("p", ProbeArgumentType.Int32);

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, mount.Path, allowMemoryFile: false);

        DisabledRegistration.AssertDisabled(provider, registration, "cannot create", mount.Path, "Read-only file system", "USDT_MEMFD");
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount.Path));
    }

    [SkippableFact]
    public void ReadOnlyMountFallsBackToAMemoryFileAndSaysWhy()
    {
        Requires.Met(TracerRequirements.Mount());
        using var mount = new TmpfsMount("ro");
        var provider = new UsdtProvider(UniqueNames.Next("ro"));
        Probe probe = provider.AddProbe("p", ProbeArgumentType.Int32);

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, mount.Path, allowMemoryFile: true);

        Assert.True(registration.IsActive, registration.ToString());
        Assert.Equal(ProbePlacement.MemoryFile, registration.Placement);
        Assert.Contains("Read-only file system", registration.Reason);
        Assert.NotEqual(0, probe.StubAddress);
    }
}
