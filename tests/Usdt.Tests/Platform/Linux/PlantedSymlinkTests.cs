using System;
using System.IO;
using Usdt.Platform.Linux;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// Someone plants a symbolic link where the library will be written: at the exact file
/// name the loader is about to create, in place of the directory, or in place of the
/// directory after it was checked. The link is never followed, its target never written,
/// and the library loaded is the one this process wrote.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PlantedSymlinkTests
{
    private const uint Token = 0x5eed;

    private static string FirstFileName(UsdtProvider provider) => LibraryFileName.For(Environment.ProcessId, Token, provider.Name);

    [SkippableFact]
    public void SymlinkAtTheLibraryPathIsNotFollowed()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using var elsewhere = new TemporaryDirectory();
        string victim = elsewhere.Combine("precious.txt");
        File.WriteAllText(victim, "do not touch");
        DateTime written = File.GetLastWriteTimeUtc(victim);
        var provider = new UsdtProvider(UniqueNames.Next("link"));
        provider.AddProbe("p", ProbeArgumentType.Int32);
        string planted = directory.Combine(FirstFileName(provider));
        File.CreateSymbolicLink(planted, victim);

        ProbeRegistration registration = BackendRegistration.Register(provider, BackendRegistration.PredictableBackend(directory.Path, Token));

        DisabledRegistration.AssertDisabled(provider, registration, "cannot create", planted);
        Assert.Equal("do not touch", File.ReadAllText(victim));
        Assert.Equal(written, File.GetLastWriteTimeUtc(victim));
        Assert.Equal(victim, new FileInfo(planted).LinkTarget);
    }

    [SkippableFact]
    public void DanglingSymlinkAtTheLibraryPathDoesNotCreateItsTarget()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using var elsewhere = new TemporaryDirectory();
        string target = elsewhere.Combine("would-be-created.so");
        var provider = new UsdtProvider(UniqueNames.Next("link"));
        provider.AddProbe("p", ProbeArgumentType.Int32);
        File.CreateSymbolicLink(directory.Combine(FirstFileName(provider)), target);

        ProbeRegistration registration = BackendRegistration.Register(provider, BackendRegistration.PredictableBackend(directory.Path, Token));

        DisabledRegistration.AssertDisabled(provider, registration, "cannot create");
        Assert.False(File.Exists(target));
    }

    [SkippableFact]
    public void SymlinkInPlaceOfTheDirectoryIsRefused()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var parent = new TemporaryDirectory();
        string real = Directory.CreateDirectory(parent.Combine("real"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        string link = parent.Combine("link");
        Directory.CreateSymbolicLink(link, real);
        var provider = new UsdtProvider(UniqueNames.Next("link"));
        provider.AddProbe("p", ProbeArgumentType.Int32);

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, link, allowMemoryFile: false);

        DisabledRegistration.AssertDisabled(provider, registration, link, "not a directory");
        Assert.Empty(Directory.EnumerateFileSystemEntries(real));
    }

    [SkippableFact]
    public void DirectorySwappedForALinkAfterItWasCheckedStillReceivesTheLibrary()
    {
        // The attack: someone who can rename entries above the directory swaps it for a link
        // to a directory of theirs between the check and the use. The backend holds the
        // checked directory open and works relative to that descriptor, so the library still
        // goes into the checked directory, wherever it now is, and that is what gets loaded.
        Requires.Met(TracerRequirements.ProbePlatform());
        using var parent = new TemporaryDirectory();
        using var attacker = new TemporaryDirectory();
        string path = parent.Combine("usdt");
        string moved = parent.Combine("moved-away");
        var backend = BackendRegistration.PredictableBackend(path, Token);
        var before = new UsdtProvider(UniqueNames.Next("swap"));
        before.AddProbe("p");
        Assert.True(BackendRegistration.Register(before, backend).IsActive); // opens and checks the directory

        Directory.Move(path, moved);
        Directory.CreateSymbolicLink(path, attacker.Path);
        var after = new UsdtProvider(UniqueNames.Next("swap"));
        after.AddProbe("q", ProbeArgumentType.Int64);
        ProbeRegistration registration = BackendRegistration.Register(after, backend);

        Assert.True(registration.IsActive, registration.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(attacker.Path));
        Assert.Equal(moved, Path.GetDirectoryName(registration.LibraryPath));
        Assert.Equal(registration.LibraryPath, ProcessMemory.MappedFile(after.Probes[0].StubAddress));
    }
}
