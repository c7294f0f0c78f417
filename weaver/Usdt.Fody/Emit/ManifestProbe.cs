using System.Collections.Generic;
using Usdt.Contract;

namespace Usdt.Fody.Emit;

/// <summary>What fires a probe: a method's entry, its return (or end by exception), or a hand-placed static probe.</summary>
internal enum ManifestProbeKind
{
    Entry,
    Return,
    Static,
}

/// <summary>The .NET member a probe belongs to: declaring type (nested types joined with '.'), method name, parameter types.</summary>
internal sealed class ManifestMember
{
    public ManifestMember(string type, string method, string signature)
    {
        Type = type;
        Method = method;
        Signature = signature;
    }

    public string Type { get; }

    public string Method { get; }

    /// <summary>The parameter types, <c>(Int32, String)</c>, as the text manifest and the generic pair show them.</summary>
    public string Signature { get; }
}

/// <summary>One probe of a module, as both manifests (<c>.usdt.txt</c> and <c>.usdt.json</c>) describe it.</summary>
internal sealed class ManifestProbe
{
    public ManifestProbe(string provider, string name, ManifestProbeKind kind, ManifestMember member, string source, bool isAsync,
        IReadOnlyList<ManifestArgument> arguments)
    {
        Provider = provider;
        Name = name;
        Kind = kind;
        Member = member;
        Source = source;
        IsAsync = isAsync;
        Arguments = arguments;
    }

    public string Provider { get; }

    public string Name { get; }

    public ManifestProbeKind Kind { get; }

    public ManifestMember Member { get; }

    /// <summary>How the text manifest names the member: <c>Shop.OrderService.PlaceOrder(Int32)</c>, <c>static probe Shop.Probes.OrderPlaced</c>.</summary>
    public string Source { get; }

    /// <summary>The return probe fires when the operation completes (async methods, returned tasks), perhaps on another thread.</summary>
    public bool IsAsync { get; }

    public IReadOnlyList<ManifestArgument> Arguments { get; }
}

/// <summary>One argument slot of a probe: who fills it, with what .NET type, read how.</summary>
internal sealed class ManifestArgument
{
    public ManifestArgument(string name, string typeName, ArgumentKind kind, string description,
        bool byReference = false, bool isOut = false, EnumMembers? enumMembers = null)
    {
        Name = name;
        TypeName = typeName;
        Kind = kind;
        Description = description;
        ByReference = byReference;
        IsOut = isOut;
        EnumMembers = enumMembers;
    }

    /// <summary>The parameter's name; <c>result</c>, <c>elapsed</c>, <c>exception</c> for a return probe.</summary>
    public string Name { get; }

    /// <summary>The full name of the value's .NET type (a <c>ref T</c> parameter's <c>T</c>; <c>System.Void</c> for no result).</summary>
    public string TypeName { get; }

    public ArgumentKind Kind { get; }

    /// <summary>What the tracer reads, in words (the text manifest's column).</summary>
    public string Description { get; }

    public bool ByReference { get; }

    /// <summary>An <c>out</c> parameter: 0 at entry.</summary>
    public bool IsOut { get; }

    /// <summary>The names of the values, when the type is an enum.</summary>
    public EnumMembers? EnumMembers { get; }
}

/// <summary>An enum's named values, in declaration order, so a tool can print a name instead of a number.</summary>
internal sealed class EnumMembers
{
    public EnumMembers(bool isFlags, IReadOnlyList<KeyValuePair<string, string>> members)
    {
        IsFlags = isFlags;
        Members = members;
    }

    /// <summary>Marked <c>[Flags]</c>: a value may be several names joined.</summary>
    public bool IsFlags { get; }

    /// <summary>Name and value (decimal, invariant) of each constant.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Members { get; }
}
