using System.Collections.Generic;
using Mono.Cecil;

namespace Usdt.Fody.Naming;

/// <summary>
/// The default name stem of a method's function-boundary probes, <c>Type__Method</c>
/// (README, "The probes": names).
/// </summary>
internal static class MethodProbeStem
{
    public static string For(MethodDefinition method) => TypePart(method.DeclaringType) + "__" + MethodPart(method);

    /// <summary>Simple type name; nested types joined with <c>_</c>; generic arity dropped; compiler-made types skipped.</summary>
    public static string TypePart(TypeDefinition type)
    {
        var names = new List<string>();
        for (TypeDefinition? current = type; current is not null; current = current.DeclaringType)
        {
            // A closure class (<>c__DisplayClass0_0) holding an attributed local function
            // is an implementation detail: the probe belongs to the user's type.
            if (current.Name.StartsWith("<", System.StringComparison.Ordinal) && current.DeclaringType is not null)
                continue;
            names.Add(WithoutArity(current.Name));
        }
        names.Reverse();
        return ProbeNameText.Sanitize(string.Join("_", names));
    }

    /// <summary>
    /// <c>.ctor</c> is <c>ctor</c>, <c>.cctor</c> is <c>cctor</c>; a local function
    /// (<c>&lt;Outer&gt;g__Inner|0_0</c>) is <c>Outer_Inner</c>; other characters outside
    /// <c>[A-Za-z0-9_]</c> become <c>_</c>.
    /// </summary>
    public static string MethodPart(MethodDefinition method)
    {
        string name = method.Name;
        if (name == ".ctor")
            return "ctor";
        if (name == ".cctor")
            return "cctor";
        if (LocalFunctionName(name) is { } local)
            return ProbeNameText.Sanitize(local);
        return ProbeNameText.Sanitize(name);
    }

    // Roslyn names local functions "<Containing>g__Name|ordinal_generation".
    private static string? LocalFunctionName(string name)
    {
        int close = name.IndexOf(">g__", System.StringComparison.Ordinal);
        if (!name.StartsWith("<", System.StringComparison.Ordinal) || close < 0)
            return null;
        int bar = name.IndexOf('|', close);
        string containing = name.Substring(1, close - 1);
        string local = bar < 0 ? name.Substring(close + 4) : name.Substring(close + 4, bar - close - 4);
        return containing + "_" + local;
    }

    private static string WithoutArity(string name)
    {
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }
}
