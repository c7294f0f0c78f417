using Usdt.Tests.Tracers;
using static Usdt.ProbeArgumentType;

namespace Usdt.Tests;

/// <summary>
/// A provider registered in this process whose probes use every argument kind, every
/// argument count from 0 to 12 and so every operand form (registers of each width, stack
/// slots); shared by the tests that read the generated file with other people's tools.
/// </summary>
public sealed class EveryKindLibrary
{
    public EveryKindLibrary()
    {
        Provider = new UsdtProvider(UniqueNames.Next("kinds"));
        Small = Provider.AddProbe("small", Int8, UInt8, Int16, UInt16, Int32, UInt32);
        Wide = Provider.AddProbe("wide", Int64, UInt64, Utf8String, Unsupported);
        Twelve = Provider.AddProbe("twelve", Int16, Int16, Int16, Int16, Int16, Int16, Int16, Int16, Int16, Int16, Int16, Int16);
        None = Provider.AddProbe("none");
        // Off Linux x64 this registers nothing; the tests skip before looking.
        Registration = Provider.Register();
    }

    public UsdtProvider Provider { get; }

    public Probe Small { get; }

    public Probe Wide { get; }

    public Probe Twelve { get; }

    public Probe None { get; }

    public ProbeRegistration Registration { get; }

    /// <summary>The library file; null when registration failed (the reason is in <see cref="Registration"/>).</summary>
    public string Path => Registration.LibraryPath ?? throw new Xunit.Sdk.XunitException($"registration failed: {Registration}");

    /// <summary>Each probe with the argument spec its note must carry, written out by hand from the x86-64 SysV ABI.</summary>
    public (Probe Probe, string Spec)[] ExpectedSpecs =>
    [
        (Small, "-1@%dil 1@%sil -2@%dx 2@%cx -4@%r8d 4@%r9d"),
        (Wide, "-8@%rdi 8@%rsi 8@%rdx 8@%rcx"),
        (Twelve, "-2@%di -2@%si -2@%dx -2@%cx -2@%r8w -2@%r9w -2@8(%rsp) -2@16(%rsp) -2@24(%rsp) -2@32(%rsp) -2@40(%rsp) -2@48(%rsp)"),
        (None, ""),
    ];
}
