using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using Usdt.Fody.Injection;
using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Injection;

/// <summary>
/// The weaver's short-form pass picks exactly the instructions and offsets Cecil's
/// <c>OptimizeMacros</c> picks, on every body of real libraries with every short form
/// expanded first: the woven bytes do not depend on which of the two ran.
/// </summary>
public sealed class ShortFormTests
{
    [Theory]
    [InlineData("Newtonsoft.Json")]
    [InlineData("Humanizer")]
    [InlineData("AssemblyToProcess")]
    public void EveryBodyOfARealLibraryShortensExactlyAsCecilShortensIt(string library)
    {
        string path = library == "AssemblyToProcess"
            ? Inputs.AssemblyToProcess(BuildConfiguration.Debug)
            : Path.Combine(Inputs.WorkloadDirectory, library + ".dll");
        using ModuleDefinition byCecil = ModuleDefinition.ReadModule(path);
        using ModuleDefinition byWeaver = ModuleDefinition.ReadModule(path);
        List<MethodDefinition> cecilMethods = Bodies(byCecil);
        List<MethodDefinition> weaverMethods = Bodies(byWeaver);
        Assert.Equal(cecilMethods.Count, weaverMethods.Count);

        int shortBranches = 0, longBranches = 0;
        for (int i = 0; i < cecilMethods.Count; i++)
        {
            MethodBody expected = cecilMethods[i].Body, actual = weaverMethods[i].Body;
            // Every branch, argument, local and constant in its long form: the pass has to choose each.
            expected.SimplifyMacros();
            actual.SimplifyMacros();
            expected.OptimizeMacros();
            ShortForms.Shorten(actual);

            Assert.Equal(Listing(expected), Listing(actual));
            shortBranches += expected.Instructions.Count(x => x.OpCode.OperandType == OperandType.ShortInlineBrTarget);
            longBranches += expected.Instructions.Count(x => x.OpCode.OperandType == OperandType.InlineBrTarget);
        }
        Assert.True(cecilMethods.Count > 100, $"{library}: {cecilMethods.Count} bodies compared");
        Assert.True(shortBranches > 0, $"{library}: some branches end short");
        if (library != "AssemblyToProcess")
            Assert.True(longBranches > 0, $"{library}: some branches stay long");
    }

    /// <summary>
    /// Made-up bodies the compiler never writes: short branches already in place (out of
    /// reach or not), branches to themselves, switches, arguments and locals past 255,
    /// constants of every size, mixed at random (a fixed seed, so the same bodies each run).
    /// </summary>
    [Fact]
    public void MadeUpBodiesShortenExactlyAsCecilShortensThem()
    {
        int longBranchesLeft = 0;
        for (int seed = 0; seed < 400; seed++)
        {
            MethodBody expected = MadeUpBody(seed), actual = MadeUpBody(seed);
            expected.OptimizeMacros();
            ShortForms.Shorten(actual);
            Assert.Equal(Listing(expected), Listing(actual));
            longBranchesLeft += expected.Instructions.Count(x => x.OpCode.OperandType == OperandType.InlineBrTarget);
        }
        Assert.True(longBranchesLeft > 0, "some made-up branches stay long");
    }

    [Fact]
    public void AnEmptyBodyStaysEmpty()
    {
        MethodBody body = NewMethod(hasThis: false).Body;
        ShortForms.Shorten(body);
        Assert.Empty(body.Instructions);
    }

    [Fact]
    public void ABranchOutOfTheBodyIsAnErrorNotAGuess()
    {
        MethodBody body = NewMethod(hasThis: false).Body;
        Instruction elsewhere = Instruction.Create(OpCodes.Ret);
        body.Instructions.Add(Instruction.Create(OpCodes.Br, elsewhere));
        body.Instructions.Add(Instruction.Create(OpCodes.Ret));
        Assert.Throws<InvalidOperationException>(() => ShortForms.Shorten(body));
    }

    private static MethodBody MadeUpBody(int seed)
    {
        var random = new Random(seed);
        MethodDefinition method = NewMethod(hasThis: random.Next(2) == 0);
        for (int i = 0; i < 300; i++)
            method.Parameters.Add(new ParameterDefinition(method.Module.TypeSystem.Int32));
        for (int i = 0; i < 300; i++)
            method.Body.Variables.Add(new VariableDefinition(method.Module.TypeSystem.Int32));
        var instructions = method.Body.Instructions;
        int count = random.Next(1, 400);
        for (int i = 0; i < count; i++)
        {
            instructions.Add(random.Next(10) switch
            {
                0 or 1 => Instruction.Create(OpCodes.Nop),
                2 => Instruction.Create(OpCodes.Ldc_I4, random.Next(6) switch { 0 => random.Next(-1, 9), 1 => random.Next(-128, 128), _ => random.Next() }),
                3 => Instruction.Create(OpCodes.Ldarg, method.Parameters[random.Next(random.Next(2) == 0 ? 4 : 300)]),
                4 => Instruction.Create(random.Next(2) == 0 ? OpCodes.Ldloc : OpCodes.Stloc, method.Body.Variables[random.Next(random.Next(2) == 0 ? 4 : 300)]),
                5 => random.Next(2) == 0
                    ? Instruction.Create(OpCodes.Ldarga, method.Parameters[random.Next(300)])
                    : Instruction.Create(OpCodes.Ldloca, method.Body.Variables[random.Next(300)]),
                6 => Instruction.Create(OpCodes.Ldc_I8, (long)random.Next()),
                _ => Instruction.Create(OpCodes.Nop),
            });
        }
        // Branches, placed once every instruction exists: long and short, forward, backward and to themselves.
        OpCode[] branches = [OpCodes.Br, OpCodes.Brtrue, OpCodes.Leave, OpCodes.Blt_Un, OpCodes.Br_S, OpCodes.Beq_S];
        int branchCount = random.Next(0, count / 3 + 1);
        for (int b = 0; b < branchCount; b++)
        {
            int at = random.Next(instructions.Count + 1);
            // Mostly near, where shortening is a close call; sometimes anywhere.
            Instruction Target() => instructions[random.Next(4) == 0
                ? random.Next(instructions.Count)
                : Math.Clamp(at + random.Next(-40, 41), 0, instructions.Count - 1)];
            Instruction branch = random.Next(12) == 0
                ? Instruction.Create(OpCodes.Switch, [Target(), Target()])
                : Instruction.Create(branches[random.Next(branches.Length)], Target());
            instructions.Insert(at, branch);
            if (random.Next(10) == 0 && branch.OpCode.OperandType != OperandType.InlineSwitch)
                branch.Operand = branch;
        }
        return method.Body;
    }

    private static MethodDefinition NewMethod(bool hasThis)
    {
        ModuleDefinition module = ModuleDefinition.CreateModule("MadeUp", ModuleKind.Dll);
        var type = new TypeDefinition("MadeUp", "Bodies", TypeAttributes.Public | TypeAttributes.Class, module.TypeSystem.Object);
        module.Types.Add(type);
        var method = new MethodDefinition("Body", MethodAttributes.Public | (hasThis ? 0 : MethodAttributes.Static), module.TypeSystem.Void);
        type.Methods.Add(method);
        return method;
    }

    private static List<MethodDefinition> Bodies(ModuleDefinition module) =>
        module.GetTypes().SelectMany(type => type.Methods).Where(method => method.HasBody).ToList();

    /// <summary>Each instruction as Cecil prints it: its offset, opcode and operand (a branch's as its target's offset).</summary>
    private static string[] Listing(MethodBody body) => body.Instructions.Select(instruction => instruction.ToString()).ToArray();
}
