using System.Linq;
using Mono.Cecil;

namespace Usdt.Fody.Selection;

/// <summary>Reads the runtime's attributes (<c>Usdt.ProbeAttribute</c>, <c>NoProbeAttribute</c>, <c>ProbeProviderAttribute</c>) off metadata.</summary>
internal static class ProbeAttributes
{
    public const string Probe = "Usdt.ProbeAttribute";
    public const string NoProbe = "Usdt.NoProbeAttribute";
    public const string ProbeProvider = "Usdt.ProbeProviderAttribute";
    public const string GenericProbes = "Usdt.GenericProbesAttribute";

    /// <summary>True when <c>[assembly: GenericProbes]</c> asks for the generic method__entry/method__return pair.</summary>
    public static bool HasGenericProbes(AssemblyDefinition assembly) =>
        assembly.HasCustomAttributes && assembly.CustomAttributes.Any(a => a.AttributeType.FullName == GenericProbes);

    /// <summary>What one scope says: probe it, leave it, or nothing.</summary>
    public static Verdict VerdictOf(ICustomAttributeProvider scope)
    {
        if (!scope.HasCustomAttributes)
            return Verdict.Unspecified;
        // [NoProbe] is the safer reading when a scope carries both. A loop, not LINQ: asked
        // for every method of the module.
        Verdict verdict = Verdict.Unspecified;
        foreach (CustomAttribute attribute in scope.CustomAttributes)
        {
            string name = attribute.AttributeType.FullName;
            if (name == NoProbe)
                return Verdict.NoProbe;
            if (name == Probe)
                verdict = Verdict.Probe;
        }
        return verdict;
    }

    /// <summary>The <c>Name</c> given in <c>[Probe(Name = ...)]</c>, if any.</summary>
    public static string? ExplicitName(ICustomAttributeProvider scope)
    {
        CustomAttribute? probe = scope.HasCustomAttributes ? scope.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == Probe) : null;
        return probe?.Properties.Where(p => p.Name == "Name").Select(p => p.Argument.Value as string).FirstOrDefault();
    }

    /// <summary>The name in <c>[ProbeProvider("...")]</c>, if the scope carries one.</summary>
    public static string? ProviderName(ICustomAttributeProvider scope)
    {
        CustomAttribute? provider = scope.HasCustomAttributes ? scope.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == ProbeProvider) : null;
        return provider is { ConstructorArguments.Count: 1 } ? provider.ConstructorArguments[0].Value as string : null;
    }
}
