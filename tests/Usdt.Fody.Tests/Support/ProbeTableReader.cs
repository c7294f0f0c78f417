using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Usdt.Fody.Tests.Support;

/// <summary>One line of a woven module's probe table: <c>provider:name:codes</c>.</summary>
internal sealed record TableProbe(string Provider, string Name, string Codes);

/// <summary>
/// Reads the probe table the weaver embedded: the first string the generated
/// <c>&lt;UsdtProbes&gt;</c> static constructor passes to <c>WovenProbes.Register</c>.
/// </summary>
internal static class ProbeTableReader
{
    public static IReadOnlyList<TableProbe> Read(string assemblyPath) =>
        Text(assemblyPath) is { } text
            ? text.Split('\n').Select(line => line.Split(':')).Select(p => new TableProbe(p[0], p[1], p[2])).ToList()
            : [];

    /// <summary>The table exactly as embedded, or null when the module has no probes.</summary>
    public static string? Text(string assemblyPath)
    {
        using ModuleDefinition module = ModuleDefinition.ReadModule(assemblyPath);
        TypeDefinition? table = module.Types.FirstOrDefault(t => t.Name == "<UsdtProbes>");
        if (table is null)
            return null;
        MethodDefinition cctor = table.Methods.Single(m => m.IsConstructor && m.IsStatic);
        return (string)cctor.Body.Instructions.First(i => i.OpCode == OpCodes.Ldstr).Operand;
    }

    public static HashSet<string> Names(string assemblyPath) => Read(assemblyPath).Select(p => p.Name).ToHashSet();

    /// <summary>The stems (names without <c>__entry</c>) of every entry probe.</summary>
    public static HashSet<string> EntryStems(string assemblyPath) =>
        Read(assemblyPath).Where(p => p.Name.EndsWith("__entry")).Select(p => p.Name[..^"__entry".Length]).ToHashSet();
}
