using System;
using System.Collections.Generic;
using System.IO;
using Usdt.Platform.Linux;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// A generated library lives as long as its process: deleted at a normal exit, kept while
/// the process goes on (a termination signal it cancels included), and when the process
/// ended without deleting it (a signal, a kill), removed by the next start that uses the
/// directory. Liveness is the lock each process holds on its files, so files of living
/// processes stay, in any PID namespace, and files not ours are never touched.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExitCleanupTests
{
    private const int SIGHUP = 1, SIGTERM = 15;

    [SkippableFact]
    public void LibraryIsDeletedWhenTheProcessExits()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using HostProcess host = HostProcess.Start(InDirectory(directory));
        string path = host.Register(UniqueNames.Next("exit"), "p:i").Path!;
        string other = host.Register(UniqueNames.Next("exit"), "p:i").Path!;
        Assert.True(File.Exists(path) && File.Exists(other));

        Assert.Equal(0, host.Exit());

        Assert.False(File.Exists(path));
        Assert.False(File.Exists(other));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [SkippableTheory]
    [InlineData(SIGTERM)]
    [InlineData(SIGHUP)]
    public void LibraryStaysWhenTheApplicationCancelsATerminationSignalAndGoesOn(int signal)
    {
        // An application that handles SIGTERM itself (a generic host, a server draining its
        // requests) registered its handler before the woven module loaded: the process goes
        // on, and so must its probes.
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using HostProcess host = HostProcess.Start(InDirectory(directory));
        host.KeepRunningOn(signal);
        HostRegistration registration = host.Register(UniqueNames.Next("cancel"), "p:i");

        host.Raise(signal);
        Poll.Until(() => host.Stderr.Contains($"cancelled signal {signal}"), "the host's handler cancelled the signal");

        Assert.False(host.HasExited);
        Assert.True(File.Exists(registration.Path), "the library of a process that goes on is still there");
        Assert.False(host.IsEnabled(registration.First)); // the host still answers
        Assert.Equal(0, host.Exit());
        Assert.False(File.Exists(registration.Path));
    }

    [SkippableTheory]
    [InlineData(SIGTERM)]
    [InlineData(SIGHUP)]
    public void LibraryOfAProcessEndedBySignalIsRemovedByTheNextStart(int signal)
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using HostProcess ended = HostProcess.Start(InDirectory(directory));
        string left = ended.Register(UniqueNames.Next("term"), "p:i").Path!;

        Assert.Equal(128 + signal, ended.Signal(signal)); // terminated by the signal, as without us
        Assert.True(File.Exists(left));
        Age(left);

        using HostProcess next = HostProcess.Start(InDirectory(directory));
        next.Register(UniqueNames.Next("next"), "p:i");

        Assert.False(File.Exists(left));
    }

    [SkippableFact]
    public void LibraryOfAKilledProcessIsRemovedByTheNextStartAndLiveOnesStay()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using HostProcess killed = HostProcess.Start(InDirectory(directory));
        using HostProcess living = HostProcess.Start(InDirectory(directory));
        string stale = killed.Register(UniqueNames.Next("killed"), "p:i").Path!;
        string alive = living.Register(UniqueNames.Next("living"), "p:i").Path!;
        string[] notOurs = [directory.Combine("notes.txt"), directory.Combine("usdt-not-a-pid.so"), directory.Combine("usdt-1-2-3-old.so")];
        foreach (string file in notOurs)
            File.WriteAllText(file, "keep");

        killed.Kill(); // SIGKILL: no handler of any kind runs
        Assert.True(File.Exists(stale));
        // Old enough that only the lock can tell: the living process's lock must.
        Age(stale);
        Age(alive);

        using HostProcess next = HostProcess.Start(InDirectory(directory));
        string fresh = next.Register(UniqueNames.Next("next"), "p:i").Path!;

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(alive));
        Assert.True(File.Exists(fresh));
        Assert.All(notOurs, file => Assert.Equal("keep", File.ReadAllText(file)));
    }

    [SkippableFact]
    public void UnlockedLibraryYoungerThanTheGraceIsLeftForItsProcessToLock()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        string justCreated = directory.Combine(LibraryFileName.For(4242, 0xabcdef01, "starting"));
        File.WriteAllText(justCreated, "being written");
        string old = directory.Combine(LibraryFileName.For(4243, 0xabcdef02, "gone"));
        File.WriteAllText(old, "stale");
        Age(old);

        using HostProcess next = HostProcess.Start(InDirectory(directory));
        next.Register(UniqueNames.Next("next"), "p:i");

        Assert.True(File.Exists(justCreated));
        Assert.False(File.Exists(old));
    }

    [SkippableFact]
    public void LibrariesOfLiveProcessesInOtherPidNamespacesStay()
    {
        // Two containers sharing a directory: each one's first process is pid 1 in its own
        // namespace, and neither can see the other's /proc entries.
        Requires.Met(TracerRequirements.Unshare());
        using var directory = new TemporaryDirectory();
        string[] container = ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child"];
        using HostProcess first = HostProcess.Start(InDirectory(directory), container);
        string firstLibrary = first.Register(UniqueNames.Next("ns"), "p:i").Path!;
        Age(firstLibrary);

        using HostProcess second = HostProcess.Start(InDirectory(directory), container);
        string secondLibrary = second.Register(UniqueNames.Next("ns"), "p:i").Path!;

        Assert.True(File.Exists(firstLibrary), $"{firstLibrary} of a live process in another namespace was removed");
        Assert.True(File.Exists(secondLibrary));
        Assert.StartsWith("usdt-1-", Path.GetFileName(firstLibrary)); // both really are pid 1
        Assert.StartsWith("usdt-1-", Path.GetFileName(secondLibrary));
        Assert.Equal(0, first.Exit());
        Assert.Equal(0, second.Exit());
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    private static Dictionary<string, string> InDirectory(TemporaryDirectory directory) => new() { ["USDT_DIR"] = directory.Path };

    /// <summary>Makes a file look older than the cleaner's grace period, so that only its lock can protect it.</summary>
    private static void Age(string path) =>
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - StaleLibraries.Grace - TimeSpan.FromMinutes(1));
}
