using System;
using System.Collections.Generic;
using System.IO;
using Usdt.Platform.Linux;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// The library lives exactly as long as its process: deleted at a normal exit, and when
/// the process was killed before it could, removed by the next registration in the same
/// directory, while files of living processes and files not ours stay.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExitCleanupTests
{
    [SkippableFact]
    public void LibraryIsDeletedWhenTheProcessExits()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using HostProcess host = HostProcess.Start(new Dictionary<string, string> { ["USDT_DIR"] = directory.Path });
        string path = host.Register(UniqueNames.Next("exit"), "p:i").Path!;
        string other = host.Register(UniqueNames.Next("exit"), "p:i").Path!;
        Assert.True(File.Exists(path) && File.Exists(other));

        Assert.Equal(0, host.Exit());

        Assert.False(File.Exists(path));
        Assert.False(File.Exists(other));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [SkippableTheory]
    [InlineData(15)] // SIGTERM: how systemd, docker and Kubernetes stop a service
    [InlineData(1)]  // SIGHUP
    public void LibraryIsDeletedWhenTheProcessIsTerminatedBySignal(int signal)
    {
        // .NET 10 ends the process on these without running ProcessExit (dotnet/runtime#115494);
        // the runtime deletes its files from a signal handler that lets termination go on.
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using HostProcess host = HostProcess.Start(new Dictionary<string, string> { ["USDT_DIR"] = directory.Path });
        string path = host.Register(UniqueNames.Next("term"), "p:i").Path!;
        Assert.True(File.Exists(path));

        int exitCode = host.Signal(signal);

        Assert.Equal(128 + signal, exitCode); // still terminated by the signal, as without us
        Assert.False(File.Exists(path));
    }

    [SkippableFact]
    public void LibraryOfAKilledProcessIsRemovedByTheNextRegistrationInTheDirectory()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        var environment = new Dictionary<string, string> { ["USDT_DIR"] = directory.Path };
        using HostProcess killed = HostProcess.Start(environment);
        using HostProcess living = HostProcess.Start(environment);
        string stale = killed.Register(UniqueNames.Next("killed"), "p:i").Path!;
        string alive = living.Register(UniqueNames.Next("living"), "p:i").Path!;
        string[] notOurs = [directory.Combine("notes.txt"), directory.Combine("usdt-not-a-pid.so")];
        foreach (string file in notOurs)
            File.WriteAllText(file, "keep");

        // SIGKILL: no handler of any kind runs.
        killed.Kill();
        Assert.True(File.Exists(stale));

        using HostProcess next = HostProcess.Start(environment);
        string fresh = next.Register(UniqueNames.Next("next"), "p:i").Path!;

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(alive));
        Assert.True(File.Exists(fresh));
        Assert.All(notOurs, file => Assert.Equal("keep", File.ReadAllText(file)));
    }

    [SkippableFact]
    public void LibraryNamedAfterARecycledProcessIdIsRemoved()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        // This process's id, but another start time: the process that wrote it is gone.
        string recycled = directory.Combine(LibraryFileName.For(new ProcessIdentity(Environment.ProcessId, 1), 1, "old"));
        File.WriteAllText(recycled, "stale");
        var provider = new UsdtProvider(UniqueNames.Next("recycled"));
        provider.AddProbe("p");

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, directory.Path, allowMemoryFile: false);

        Assert.True(registration.IsActive, registration.ToString());
        Assert.False(File.Exists(recycled));
    }
}
