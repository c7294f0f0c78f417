using System;

namespace Usdt;

/// <summary>
/// Names the USDT provider of the probes woven into an assembly, or, on a static class
/// of empty static methods, declares hand-placed static probes of that provider.
/// </summary>
/// <remarks>
/// Without it the provider is the assembly name, lower-cased, with every character
/// outside <c>[a-z0-9_]</c> turned into <c>_</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ProbeProviderAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The provider name: a C identifier of at most 58 characters.</param>
    public ProbeProviderAttribute(string name) => Name = name;

    /// <summary>The provider name as tracers see it (<c>usdt:*:&lt;name&gt;:&lt;probe&gt;</c>).</summary>
    public string Name { get; }
}
