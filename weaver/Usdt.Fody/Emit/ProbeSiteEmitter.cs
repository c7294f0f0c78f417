using System;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Usdt.Fody.Emit;

/// <summary>
/// Emits a probe site: <c>if (*(ushort*)semaphore != 0) FireN(stub, words...)</c>. While no
/// tracer is attached, that is one 2-byte read and a branch: no call, no allocation, and
/// the argument words (string conversions included) are never computed.
/// </summary>
internal sealed class ProbeSiteEmitter
{
    private readonly ProbeTable _table;
    private readonly RuntimeReferences _runtime;

    public ProbeSiteEmitter(ProbeTable table, RuntimeReferences runtime)
    {
        _table = table;
        _runtime = runtime;
    }

    /// <param name="probe">The probe's index in the table.</param>
    /// <param name="wordCount">How many words <paramref name="emitWords"/> pushes (at most 12).</param>
    /// <param name="emitWords">Pushes the argument words, in order.</param>
    public InstructionBlock Site(int probe, int wordCount, Action<InstructionBlock> emitWords) =>
        Site(probe, emitWords, _runtime.Fire(wordCount));

    /// <summary>
    /// <c>if (*(ushort*)semaphore != 0) fire(stub, arguments...)</c>, for sites that fire
    /// through another runtime method than <c>FireN</c> (one whose first parameter is the stub).
    /// </summary>
    public InstructionBlock Site(int probe, Action<InstructionBlock> emitArguments, MethodReference fire)
    {
        var block = new InstructionBlock();
        Instruction skip = Instruction.Create(OpCodes.Nop);
        _table.EmitIsEnabled(block, probe);
        block.Add(OpCodes.Brfalse, skip);
        _table.EmitStubAddress(block, probe);
        emitArguments(block);
        block.Add(OpCodes.Call, fire);
        block.Add(skip);
        return block;
    }

    /// <summary>Pushes the semaphore check only (for code that needs the decision itself, e.g. starting the clock).</summary>
    public void IsEnabled(InstructionBlock block, int probe) => _table.EmitIsEnabled(block, probe);

    /// <summary>Pushes non-zero when <paramref name="probe"/> or <paramref name="probe"/> + 1 is enabled, with one read.</summary>
    public void IsEitherOfPairEnabled(InstructionBlock block, int probe) => _table.EmitIsEitherOfPairEnabled(block, probe);
}
