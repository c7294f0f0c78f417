using System.Collections.Generic;
using System.IO;
using Usdt.Tests.Tracers;
using Xunit;
using static Usdt.Tests.HostArguments;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// Writing a generated library can fail: a file-size limit (whose default action on a write
/// past it is to kill the process with SIGXFSZ), a full file system. Each ends in the
/// normal fallback or in disabled probes, the process lives on as it would unwoven, and no
/// partial file is left behind.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WriteFailureTests
{
    [SkippableFact]
    public void FileSizeLimitBelowTheLibraryDisablesProbesAndTheProcessLivesOn()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        // ulimit -f counts 512-byte blocks here (dash): 2 KiB, below any library. The .NET
        // runtime itself starts under such a limit only without its W^X double mapping.
        string[] limited = ["sh", "-c", "ulimit -f 4 && exec \"$@\"", "sh"];
        using HostProcess host = HostProcess.Start(new Dictionary<string, string>
        {
            ["USDT_DIR"] = directory.Path,
            ["DOTNET_EnableWriteXorExecute"] = "0",
        }, limited);

        HostRegistration registration = host.Register(UniqueNames.Next("fsize"), "p:is");

        Assert.False(registration.Active, "the memfd copy is a file too, under the same limit");
        Assert.Contains("file-size limit", registration.Reason);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
        host.Fire(registration.First, 10, Int(1), Text("no-op"));
        Assert.Equal(0, host.Exit());
    }

    [SkippableFact]
    public void FullFileSystemLeavesNoPartialLibrary()
    {
        Requires.Met(TracerRequirements.Mount());
        using var mount = new TmpfsMount("exec", size: "8k"); // two pages: less than any library
        using HostProcess host = HostProcess.Start(new Dictionary<string, string> { ["USDT_DIR"] = mount.Path, ["USDT_MEMFD"] = "0" });

        HostRegistration registration = host.Register(UniqueNames.Next("full"), "p:i");

        Assert.False(registration.Active);
        Assert.Contains("cannot write", registration.Reason);
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount.Path));
        Assert.Equal(0, host.Exit());
    }
}
