using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Usdt.Fody.Tests.Debugging;

/// <summary>
/// The user's debugging experience survives weaving: every sequence point of every original
/// method is still in the woven PDB, in order, on the same instruction; all injected code
/// sits under hidden sequence points (line 0xFEEFEE) so the debugger steps over it.
/// </summary>
public sealed class SequencePointTests(ITestOutputHelper output)
{
    private const int Hidden = 0xFEEFEE;

    [Theory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void EveryOriginalSequencePointIsStillBoundToItsInstruction(BuildConfiguration configuration)
    {
        using ModuleDefinition original = Read(Inputs.AssemblyToProcess(configuration));
        using ModuleDefinition woven = Read(WovenAssemblies.AssemblyToProcess(configuration).OutputPath);
        Dictionary<string, MethodDefinition> wovenMethods = woven.GetTypes().SelectMany(t => t.Methods).ToDictionary(m => m.FullName);
        int points = 0, methods = 0;

        foreach (MethodDefinition before in original.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            MethodDefinition after = wovenMethods[before.FullName];
            if (after.Body.Instructions.Count == before.Body.Instructions.Count && !StaticProbe(after))
                continue;   // not woven
            if (StaticProbe(after))
                continue;   // a static probe's empty body is replaced whole; it has no user code
            methods++;
            List<SequencePoint> expected = before.DebugInformation.SequencePoints.Where(p => !p.IsHidden).ToList();
            List<SequencePoint> actual = after.DebugInformation.SequencePoints.Where(p => !p.IsHidden).ToList();
            Assert.Equal(expected.Select(Where), actual.Select(Where));
            foreach ((SequencePoint was, SequencePoint @is) in expected.Zip(actual))
            {
                Code then = Normal(At(before, was).OpCode), now = Normal(At(after, @is).OpCode);
                // A `ret` is rewritten in place into `stloc result` (or `leave` in void methods).
                if (then == Code.Ret && now is Code.Stloc or Code.Leave)
                    now = Code.Ret;
                Assert.True(then == now, $"{before.FullName}: line {was.StartLine} was on {then}, is on {now}");
                points++;
            }
            // Points stay in IL order, as the PDB format requires.
            Assert.Equal(after.DebugInformation.SequencePoints.Select(p => p.Offset).Order(), after.DebugInformation.SequencePoints.Select(p => p.Offset));
        }
        output.WriteLine($"{configuration}: {points} sequence points of {methods} woven methods checked");
        Assert.True(methods > 200 && points > 400, $"{methods} methods, {points} points");
    }

    [Theory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void InjectedCodeIsUnderHiddenSequencePoints(BuildConfiguration configuration)
    {
        using ModuleDefinition woven = Read(WovenAssemblies.AssemblyToProcess(configuration).OutputPath);
        int sites = 0;

        foreach (MethodDefinition method in woven.GetTypes().Where(t => t.Name != "<UsdtProbes>").SelectMany(t => t.Methods).Where(m => m.HasBody && m.DebugInformation.HasSequencePoints))
        {
            foreach (Instruction probeSite in method.Body.Instructions.Where(i => i.Operand is FieldReference { DeclaringType.Name: "<UsdtProbes>" }))
            {
                SequencePoint? covering = method.DebugInformation.SequencePoints.LastOrDefault(p => p.Offset <= probeSite.Offset);
                Assert.True(covering is { StartLine: Hidden }, $"{method.FullName} IL_{probeSite.Offset:x4}: injected code under line {covering?.StartLine}");
                sites++;
            }
        }
        Assert.True(sites > 1000, $"{sites} probe site reads checked");
    }

    private static ModuleDefinition Read(string path) => ModuleDefinition.ReadModule(path, new ReaderParameters { ReadSymbols = true });

    private static bool StaticProbe(MethodDefinition method) => method.DeclaringType.Namespace.EndsWith("StaticProbes") && method.DeclaringType.Name == "ShopProbes";

    private static (string, int, int, int, int) Where(SequencePoint point) =>
        (point.Document.Url, point.StartLine, point.StartColumn, point.EndLine, point.EndColumn);

    private static Instruction At(MethodDefinition method, SequencePoint point) =>
        method.Body.Instructions.Single(i => i.Offset == point.Offset);

    /// <summary>The opcode with short forms widened (weaving may widen a branch or a local index).</summary>
    private static Code Normal(OpCode code)
    {
        string name = code.Name;
        if (name.EndsWith(".s"))
            name = name[..^2];
        int dot = name.LastIndexOf('.');
        if (dot > 0 && (name.StartsWith("ldloc") || name.StartsWith("stloc") || name.StartsWith("ldarg") || name.StartsWith("ldc.i4")) && !name.StartsWith("ldc.i4.s"))
            name = name[..dot];
        return name switch
        {
            "ldloc" => Code.Ldloc, "stloc" => Code.Stloc, "ldarg" => Code.Ldarg, "ldc.i4" => Code.Ldc_I4, "ldloca" => Code.Ldloca, "ldarga" => Code.Ldarga, "starg" => Code.Starg,
            "br" => Code.Br, "brtrue" => Code.Brtrue, "brfalse" => Code.Brfalse, "leave" => Code.Leave,
            "beq" => Code.Beq, "bne.un" => Code.Bne_Un, "bge" => Code.Bge, "bgt" => Code.Bgt, "ble" => Code.Ble, "blt" => Code.Blt,
            "bge.un" => Code.Bge_Un, "bgt.un" => Code.Bgt_Un, "ble.un" => Code.Ble_Un, "blt.un" => Code.Blt_Un,
            _ => code.Code,
        };
    }
}
