using Mono.Cecil.Cil;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>
/// The <c>__return</c> site of a method that returns a task without being async:
/// <c>if (enabled) TaskCompletion.FireWhenDone(task, stub, start, limit)</c>, which fires the
/// probe when the task completes (at once when it already has).
/// </summary>
internal static class TaskReturnSite
{
    public static InstructionBlock Build(ReturnedTask task, int probe, VariableDefinition returned, VariableDefinition start,
        ProbeSiteEmitter sites, WordEmitter words, RuntimeReferences runtime)
    {
        var block = new InstructionBlock();
        Instruction skip = Instruction.Create(OpCodes.Nop);
        sites.IsEnabled(block, probe);
        block.Add(OpCodes.Brfalse, skip)
             .Add(OpCodes.Ldloc, returned);
        sites.StubAddress(block, probe);
        return block.Add(OpCodes.Ldloc, start)
                    .Add(OpCodes.Ldc_I4, words.StringLimit)
                    .Add(OpCodes.Call, runtime.FireWhenDone(task.ResultType))
                    .Add(skip);
    }
}
