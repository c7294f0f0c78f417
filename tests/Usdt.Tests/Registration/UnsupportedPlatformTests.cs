using System;
using System.Runtime.InteropServices;
using Usdt.Firing;
using Usdt.Platform;
using Usdt.Registration;
using Xunit;

namespace Usdt.Tests.Registration;

/// <summary>
/// Where USDT probes cannot exist, registration degrades to "never enabled" and says why;
/// the platforms are simulated through the same backend choice the runtime makes at start.
/// </summary>
public sealed class UnsupportedPlatformTests
{
    private static readonly UsdtSettings Defaults = UsdtSettings.Default;

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
    public unsafe void ProbesBeforeRegistrationReadAZeroSemaphoreAndConvertNothingWhenFired()
    {
        UsdtProvider provider = NewProvider();
        Probe withString = provider.Probes[1];
        Span<byte> scratch = Utf8Scratch.Rent(slot: 0, 64);
        scratch.Clear();

        foreach (Probe probe in provider.Probes)
        {
            Assert.False(probe.IsEnabled);
            Assert.Equal(0, *(ushort*)probe.SemaphoreAddress);
            Assert.Equal(0, probe.StubAddress);
        }
        withString.Fire("never converted", 7L);

        // A fire that converted its arguments would have left the text in this thread's buffer.
        Assert.Equal(-1, scratch.IndexOf("never"u8));
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
        public LoadedProbes Load(ProbeSet probes, string label, ModuleLibrary? module) => throw new InvalidOperationException("sandbox said no");
    }
}
