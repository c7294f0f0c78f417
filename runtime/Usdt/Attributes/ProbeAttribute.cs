using System;

namespace Usdt;

/// <summary>
/// Asks the Usdt.Fody weaver to give the marked member function-boundary probes:
/// <c>&lt;Type&gt;__&lt;Method&gt;__entry</c> and <c>&lt;Type&gt;__&lt;Method&gt;__return</c>.
/// </summary>
/// <remarks>
/// On a type, module or assembly it selects every eligible method inside it. A
/// <see cref="NoProbeAttribute"/> on a narrower scope wins (method &gt; property &gt;
/// type &gt; module &gt; assembly &gt; FodyWeavers.xml).
/// </remarks>
[AttributeUsage(
    AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property |
    AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Module | AttributeTargets.Assembly,
    AllowMultiple = false, Inherited = false)]
public sealed class ProbeAttribute : Attribute
{
    /// <summary>
    /// Replaces the generated probe name stem (<c>&lt;Type&gt;__&lt;Method&gt;</c>) of a single
    /// method. The weaver still appends <c>__entry</c> and <c>__return</c>. Must be a C identifier.
    /// </summary>
    public string? Name { get; set; }
}
