using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Mono.Cecil;

namespace Usdt.Fody.Arguments;

/// <summary>
/// The definitions of the value types that probe arguments have (to tell an enum from a
/// struct), resolved once per type and woven module. Cecil resolves a type that a facade
/// forwards (System.Runtime) by scanning the facade's thousands of exported types on every
/// call: the same few types, resolved for each parameter and again for the manifest, took a
/// tenth of the time to weave every method of a large library.
/// </summary>
internal static class ValueTypeDefinitions
{
    // Keyed by the module that refers to the types: a build process may weave several
    // modules, one after another or at once, and must never see another module's types. A
    // module is woven on one thread, the only one that asks for its types.
    private static readonly ConditionalWeakTable<ModuleDefinition, Dictionary<string, TypeDefinition?>> s_resolved = new();

    /// <summary>The definition of <paramref name="type"/>, or null when its assembly cannot be found.</summary>
    public static TypeDefinition? Of(TypeReference type)
    {
        if (type is TypeDefinition definition)
            return definition;
        Dictionary<string, TypeDefinition?> resolved = s_resolved.GetValue(type.Module, _ => new Dictionary<string, TypeDefinition?>(StringComparer.Ordinal));
        string key = type.Scope?.Name + "!" + type.FullName;
        if (!resolved.TryGetValue(key, out TypeDefinition? found))
        {
            found = TryResolve(type);
            resolved.Add(key, found);
        }
        return found;
    }

    private static TypeDefinition? TryResolve(TypeReference type)
    {
        try { return type.Resolve(); }
        catch (AssemblyResolutionException) { return null; }
    }
}
