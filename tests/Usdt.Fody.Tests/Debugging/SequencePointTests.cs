using System;
using System.Collections.Generic;
using System.Reflection;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Usdt.Fody.Tests.Debugging;

/// <summary>
/// The user's debugging experience survives weaving: every sequence point of every original
/// method is still in the woven PDB, in order, on the same instruction, and again on the
/// traced copy of the code (so either path shows the user's lines); injected code after
/// the user's first line sits under hidden sequence points (line 0xFEEFEE) so the debugger
/// steps over it, and the entry prologue shares the user's first line, so a fault there
/// keeps its line in stack traces as it does unwoven.
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
            // The prologue's copy of the first line sits on injected code: left out here.
            List<SequencePoint> actual = after.DebugInformation.SequencePoints.Where(p => !p.IsHidden && !Injected(At(after, p))).ToList();
            // A method with a return probe carries a traced copy of its code, from where the
            // user's code starts (after a constructor's base call): those points come again.
            int copied = actual.Count - expected.Count;
            if (copied > 0 && copied <= expected.Count)
                expected = [.. expected, .. expected.Skip(expected.Count - copied)];
            Assert.Equal(expected.Select(Where), actual.Select(Where));
            foreach ((SequencePoint was, SequencePoint @is) in expected.Zip(actual))
            {
                Code then = Normal(At(before, was).OpCode), now = Normal(At(after, @is).OpCode);
                // The copy's `ret`s are rewritten in place into `stloc result` (or `leave` in void methods).
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
    public void InjectedCodeIsHiddenOrSharesTheFirstUserLine(BuildConfiguration configuration)
    {
        using ModuleDefinition woven = Read(WovenAssemblies.AssemblyToProcess(configuration).OutputPath);
        int hidden = 0, prologues = 0;

        foreach (MethodDefinition method in woven.GetTypes().Where(t => t.Name != "<UsdtProbes>").SelectMany(t => t.Methods).Where(m => m.HasBody && m.DebugInformation.HasSequencePoints))
        {
            List<SequencePoint> points = method.DebugInformation.SequencePoints.ToList();
            foreach (Instruction probeSite in method.Body.Instructions.Where(Injected))
            {
                SequencePoint? covering = points.LastOrDefault(p => p.Offset <= probeSite.Offset);
                if (covering is { StartLine: Hidden })
                {
                    hidden++;
                    continue;
                }
                // Otherwise it is the entry prologue, before the user's code, under a copy of the
                // user line that follows it (a constructor's base call may come before).
                SequencePoint? firstUserLine = points.FirstOrDefault(p => !p.IsHidden && p.Offset > probeSite.Offset && !Injected(At(method, p)));
                Assert.True(covering is not null && firstUserLine is not null && Where(covering) == Where(firstUserLine),
                    $"{method.FullName} IL_{probeSite.Offset:x4}: injected code under line {covering?.StartLine}");
                prologues++;
            }
        }
        Assert.True(hidden > 500 && prologues > 200, $"{hidden} hidden and {prologues} prologue probe site reads checked");
    }

    [Fact]
    public void FaultInTheFirstStatementKeepsItsLineInOptimisedCode()
    {
        // checked(int.MaxValue + x) overflows in UserFilter's first statement; optimised code
        // maps that fault to the method's first IL offsets, where the entry prologue now is.
        string Line(Assembly assembly)
        {
            Type type = assembly.GetType("AssemblyToProcess.Shapes.ControlFlow", throwOnError: true)!;
            var exception = Assert.Throws<TargetInvocationException>(() => type.GetMethod("UserFilter")!.Invoke(Activator.CreateInstance(type), [1]));
            string frame = exception.InnerException!.StackTrace!.Split('\n')[0];
            Assert.Contains(":line ", frame);
            return frame[frame.IndexOf(":line ", StringComparison.Ordinal)..].Trim();
        }

        Assembly unwoven = IsolatedLoadContext.LoadAlone(Inputs.AssemblyToProcess(BuildConfiguration.Release), collectible: false);
        Assembly woven = IsolatedLoadContext.LoadAlone(WovenAssemblies.AssemblyToProcess(BuildConfiguration.Release).OutputPath, collectible: false);
        Assert.Equal(Line(unwoven), Line(woven));
    }

    private static bool Injected(Instruction instruction) => instruction.Operand is FieldReference { DeclaringType.Name: "<UsdtProbes>" };

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
