using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Usdt.Platform;
using Usdt.Tests.Tracers;
using Xunit;
using static Usdt.Tests.HostArguments;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// The variables a user sets on a process (read once, at its first registration), checked
/// in a process of their own: USDT_DISABLE, USDT_DIR, USDT_MEMFD, USDT_DIAGNOSTICS.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EnvironmentVariableTests
{
    [SkippableFact]
    public void DisableVariableTurnsRegistrationOffAndFiringStillWorks()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using HostProcess host = HostProcess.Start(new Dictionary<string, string> { ["USDT_DISABLE"] = "1" });

        HostRegistration registration = host.Register(UniqueNames.Next("off"), "p:is");

        Assert.False(registration.Active);
        Assert.Equal(ProbePlacement.None, registration.Placement);
        Assert.Null(registration.Path);
        Assert.Contains("disabled by USDT_DISABLE", registration.Reason);
        host.Fire(registration.First, 100, Int(1), Text("still a no-op"));
        Assert.False(host.IsEnabled(registration.First));
        Assert.Equal(0, host.Exit());
        Assert.Equal("", host.Stderr); // diagnostics are opt-in
    }

    [SkippableFact]
    public void DirectoryVariablePutsTheLibraryThere()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using HostProcess host = HostProcess.Start(new Dictionary<string, string> { ["USDT_DIR"] = directory.Path });

        HostRegistration registration = host.Register(UniqueNames.Next("dir"), "p:i");

        Assert.True(registration.Active, registration.Reason);
        Assert.Equal(ProbePlacement.Directory, registration.Placement);
        Assert.Equal(directory.Path, Path.GetDirectoryName(registration.Path));
        Assert.True(File.Exists(registration.Path));
    }

    [SkippableFact]
    public void DirectoryVariableCreatesOnlyItsLastComponentPrivately()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var parent = new TemporaryDirectory();
        string missingParent = parent.Combine("absent/x/y");
        string lastOnly = parent.Combine("usdt");
        using HostProcess refused = HostProcess.Start(new Dictionary<string, string> { ["USDT_DIR"] = missingParent, ["USDT_MEMFD"] = "0" });
        using HostProcess created = HostProcess.Start(new Dictionary<string, string> { ["USDT_DIR"] = lastOnly });

        HostRegistration withoutParent = refused.Register(UniqueNames.Next("dir"), "p:i");
        HostRegistration withParent = created.Register(UniqueNames.Next("dir"), "p:i");

        Assert.False(withoutParent.Active);
        Assert.Contains($"cannot create {missingParent}", withoutParent.Reason);
        Assert.False(Directory.Exists(parent.Combine("absent")), "no parent directory is made");
        Assert.True(withParent.Active, withParent.Reason);
        Assert.Equal(lastOnly, Path.GetDirectoryName(withParent.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(lastOnly));
    }

    [SkippableFact]
    public void MemfdVariableZeroForbidsTheFallback()
    {
        Requires.Met(TracerRequirements.Mount());
        using var mount = new TmpfsMount("noexec");
        using HostProcess host = HostProcess.Start(new Dictionary<string, string> { ["USDT_DIR"] = mount.Path, ["USDT_MEMFD"] = "0" });

        HostRegistration registration = host.Register(UniqueNames.Next("nomemfd"), "p:i");

        Assert.False(registration.Active);
        Assert.Contains("cannot be loaded", registration.Reason);
        Assert.Contains("memfd fallback disabled by USDT_MEMFD", registration.Reason);
        Assert.Equal(0, host.Exit()); // before the mount goes away
    }

    [SkippableFact]
    public void DiagnosticsVariablePrintsEachOutcomeOnceToStderr()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var directory = new TemporaryDirectory();
        using HostProcess host = HostProcess.Start(new Dictionary<string, string> { ["USDT_DIR"] = directory.Path, ["USDT_DIAGNOSTICS"] = "1" });
        string first = UniqueNames.Next("diag"), second = UniqueNames.Next("diag");

        HostRegistration one = host.Register(first, "p:i", "q:");
        HostRegistration two = host.Register(second, "p:i");
        host.Fire(one.First, 10, Int(1));
        Assert.Equal(0, host.Exit());

        string[] lines = host.Stderr.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"usdt: {first}: 2 probes in {one.Path}", $"usdt: {second}: 1 probes in {two.Path}"], lines);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData(" Yes ", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("maybe", false)]
    public void DisableDiagnosticsAndGenerateVariablesReadTrueWords(string? value, bool expected)
    {
        UsdtSettings settings = UsdtSettings.From(name => name is "USDT_DISABLE" or "USDT_DIAGNOSTICS" or "USDT_GENERATE" ? value : null);

        Assert.Equal((expected, expected, expected), (settings.Disabled, settings.Diagnostics, settings.ForceGenerate));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("No", false)]
    [InlineData("off", false)]
    [InlineData("1", true)]
    [InlineData(null, true)]
    [InlineData("junk", true)]
    public void MemfdVariableAllowsTheFallbackUnlessFalse(string? value, bool expected)
    {
        Assert.Equal(expected, UsdtSettings.From(name => name == "USDT_MEMFD" ? value : null).AllowMemoryFile);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("/run/me/usdt", "/run/me/usdt")]
    public void DirectoryVariableIsUsedWhenNotBlank(string? value, string? expected)
    {
        Assert.Equal(expected, UsdtSettings.From(name => name == "USDT_DIR" ? value : null).Directory);
    }
}
