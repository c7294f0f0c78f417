using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Usdt.Registration;
using Xunit;

namespace Usdt.Tests.Registration;

/// <summary>
/// Where USDT probes cannot exist, registration degrades to "never enabled" and says why;
/// the platforms are simulated through the same backend choice the runtime makes at start.
/// </summary>
public sealed class UnsupportedPlatformTests
{
    private static readonly UsdtSettings Defaults = new(Disabled: false, Directory: null, AllowMemoryFile: true, Diagnostics: false);

    private static UsdtProvider NewProvider()
    {
        var provider = new UsdtProvider(Tracers.UniqueNames.Next("unsup"));
        provider.AddProbe("a", ProbeArgumentType.Int32);
        provider.AddProbe("b", ProbeArgumentType.Utf8String, ProbeArgumentType.Int64);
        return provider;
    }

    [Fact]
    public void WindowsDisablesProbesWithAReason()
    {
        UsdtProvider provider = NewProvider();
        ProbeRegistration registration = BackendRegistration.Register(provider, ProbeBackends.For(OSPlatform.Windows, Architecture.X64, Defaults));

        DisabledRegistration.AssertDisabled(provider, registration, "need Linux", "WINDOWS");
    }

    [Fact]
    public void MacOSDisablesProbesWithAReason()
    {
        UsdtProvider provider = NewProvider();
        ProbeRegistration registration = BackendRegistration.Register(provider, ProbeBackends.For(OSPlatform.OSX, Architecture.Arm64, Defaults));

        DisabledRegistration.AssertDisabled(provider, registration, "need Linux");
    }

    [SkippableTheory]
    [InlineData(Architecture.X86)]
    [InlineData(Architecture.Arm)]
    [InlineData(Architecture.S390x)]
    public void UnsupportedArchitectureOnLinuxDisablesProbesWithAReason(Architecture architecture)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the architecture check follows the Linux check");
        UsdtProvider provider = NewProvider();
        ProbeRegistration registration = BackendRegistration.Register(provider, ProbeBackends.For(OSPlatform.Linux, architecture, Defaults));

        DisabledRegistration.AssertDisabled(provider, registration, "x64 or arm64", architecture.ToString());
    }

    [Fact]
    public void DisabledSettingWinsOverEveryPlatform()
    {
        UsdtProvider provider = NewProvider();
        ProbeRegistration registration = BackendRegistration.Register(provider,
            ProbeBackends.For(OSPlatform.Linux, Architecture.X64, Defaults with { Disabled = true }));

        DisabledRegistration.AssertDisabled(provider, registration, "USDT_DISABLE");
    }

    [Fact]
    public void BackendThatThrowsBecomesAReasonNotAnException()
    {
        UsdtProvider provider = NewProvider();
        ProbeRegistration registration = BackendRegistration.Register(provider, new ThrowingBackend());

        DisabledRegistration.AssertDisabled(provider, registration, "InvalidOperationException", "sandbox said no");
    }

    [Fact]
    public void ProbesFireAsNoOpsBeforeRegistration()
    {
        UsdtProvider provider = NewProvider();

        foreach (Probe probe in provider.Probes)
        {
            Assert.False(probe.IsEnabled);
            probe.Fire(1, "x");
        }
        Assert.Null(provider.Registration);
    }

    [Fact]
    public void ProviderWithoutProbesRegistersAsDisabledWithAReason()
    {
        var provider = new UsdtProvider(Tracers.UniqueNames.Next("empty"));

        DisabledRegistration.AssertDisabled(provider, provider.Register(), "no probes");
    }

    /// <summary>A backend failing the way a sandbox or a broken loader would.</summary>
    private sealed class ThrowingBackend : IProbeBackend
    {
        public LoadedProbes Load(IReadOnlyList<ProbeSpec> probes, string label) => throw new InvalidOperationException("sandbox said no");
    }
}
