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

    private static List<MethodDefinition> Bodies(ModuleDefinition module) =>
        module.GetTypes().SelectMany(type => type.Methods).Where(method => method.HasBody).ToList();

    /// <summary>Each instruction as Cecil prints it: its offset, opcode and operand (a branch's as its target's offset).</summary>
    private static string[] Listing(MethodBody body) => body.Instructions.Select(instruction => instruction.ToString()).ToArray();
}
