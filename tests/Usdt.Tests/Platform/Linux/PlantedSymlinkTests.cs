using System;
using System.IO;
using Usdt.Platform.Linux;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// Someone plants a symbolic link where the library will be written: at the exact file
/// name the loader is about to create, or in place of the directory. The link is never
/// followed, its target never written.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PlantedSymlinkTests
{
    // A fresh backend numbers its files from 1 (LibraryPlacement), so this is the name it will try.
    private static string FirstFileName(UsdtProvider provider) => LibraryFileName.For(ProcessIdentity.Current, 1, provider.Name);

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

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, directory.Path, allowMemoryFile: false);

        DisabledRegistration.AssertDisabled(provider, registration, "cannot write", planted);
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

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, directory.Path, allowMemoryFile: false);

        DisabledRegistration.AssertDisabled(provider, registration, "cannot write");
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
}
