using System;

namespace Usdt;

/// <summary>
/// Keeps the Usdt.Fody weaver away from the marked member, whatever a wider
/// <see cref="ProbeAttribute"/> or FodyWeavers.xml rule selects.
/// </summary>
[AttributeUsage(
    AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property |
    AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Module | AttributeTargets.Assembly,
    AllowMultiple = false, Inherited = false)]
public sealed class NoProbeAttribute : Attribute
{
}
