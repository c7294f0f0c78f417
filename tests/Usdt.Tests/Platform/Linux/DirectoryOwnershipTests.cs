using System.IO;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// The library goes only into a directory that this user owns and nobody else can write,
/// so no one can swap the file between its creation and dlopen. Anything else is refused.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DirectoryOwnershipTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [SkippableFact]
    public void DirectoryOwnedByAnotherUserIsRefused()
    {
        Requires.Met(TracerRequirements.Root()); // only root can give a directory away
        using var directory = new TemporaryDirectory();
        CommandRunner.Run("chown", ["65534:65534", directory.Path]).EnsureSuccess();

        AssertRefused(directory.Path, "belongs to uid 65534");
    }

    [SkippableTheory]
    [InlineData(UnixFileMode.GroupWrite | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, "770")]
    [InlineData(UnixFileMode.OtherWrite | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, "707")]
    [InlineData(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute | UnixFileMode.StickyBit, "1777")]
    public void DirectoryWritableByOthersIsRefused(UnixFileMode extra, string mode)
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        File.SetUnixFileMode(directory.Path, OwnerOnly | extra);

        AssertRefused(directory.Path, "writable by other users", $"mode {mode}");
    }

    [SkippableFact]
    public void MissingDirectoryIsCreatedPrivateAndUsed()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var parent = new TemporaryDirectory();
        string directory = Path.Combine(parent.Path, "usdt");
        var provider = new UsdtProvider(UniqueNames.Next("own"));
        provider.AddProbe("p", ProbeArgumentType.Int32);

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, directory, allowMemoryFile: false);

        Assert.True(registration.IsActive, registration.ToString());
        Assert.Equal(ProbePlacement.Directory, registration.Placement);
        Assert.Equal(directory, Path.GetDirectoryName(registration.LibraryPath));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(registration.LibraryPath!));
    }

    [SkippableFact]
    public void MissingParentsAreNotCreated()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var parent = new TemporaryDirectory();
        string directory = Path.Combine(parent.Path, "nested", "usdt");

        var provider = new UsdtProvider(UniqueNames.Next("own"));
        provider.AddProbe("p", ProbeArgumentType.Int32);

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, directory, allowMemoryFile: false);

        DisabledRegistration.AssertDisabled(provider, registration, "cannot create", directory, "No such file or directory");
        Assert.False(Directory.Exists(Path.Combine(parent.Path, "nested")));
    }

    private static void AssertRefused(string directory, params string[] reasonParts)
    {
        var provider = new UsdtProvider(UniqueNames.Next("own"));
        provider.AddProbe("p", ProbeArgumentType.Int32);

        ProbeRegistration registration = BackendRegistration.RegisterIn(provider, directory, allowMemoryFile: false);

        DisabledRegistration.AssertDisabled(provider, registration, [directory, .. reasonParts]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }
}
