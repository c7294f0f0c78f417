using System;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Usdt.Fody.Emit;

/// <summary>A run of new instructions built in order, then spliced into a method body once.</summary>
/// <remarks>
/// The run is chained through the instructions' own <c>Next</c> links, which Cecil sets
/// anyway as they join a body, so a block allocates nothing of its own: a list per block
/// (a probe site, a check, a clause) was a seventh of what weaving 10,000 methods allocated.
/// A block added to another is part of it from then on and is not used by itself again.
/// </remarks>
internal sealed class InstructionBlock
{
    private Instruction? _first;
    private Instruction? _last;
    private int _count;

    public Instruction First => _first ?? throw new InvalidOperationException("The instruction block is empty.");

    public InstructionBlock Add(Instruction instruction)
    {
        if (_last is null)
            _first = instruction;
        else
            _last.Next = instruction;
        instruction.Next = null;
        _last = instruction;
        _count++;
        return this;
    }

    public InstructionBlock Add(OpCode opCode) => Add(Instruction.Create(opCode));
    public InstructionBlock Add(OpCode opCode, int value) => Add(Instruction.Create(opCode, value));
    public InstructionBlock Add(OpCode opCode, long value) => Add(Instruction.Create(opCode, value));
    public InstructionBlock Add(OpCode opCode, MethodReference method) => Add(Instruction.Create(opCode, method));
    public InstructionBlock Add(OpCode opCode, FieldReference field) => Add(Instruction.Create(opCode, field));
    public InstructionBlock Add(OpCode opCode, TypeReference type) => Add(Instruction.Create(opCode, type));
    public InstructionBlock Add(OpCode opCode, VariableDefinition variable) => Add(Instruction.Create(opCode, variable));
    public InstructionBlock Add(OpCode opCode, ParameterDefinition parameter) => Add(Instruction.Create(opCode, parameter));
    public InstructionBlock Add(OpCode opCode, Instruction target) => Add(Instruction.Create(opCode, target));

    /// <summary>Appends <paramref name="other"/>'s instructions, which from then on belong to this block.</summary>
    public InstructionBlock Add(InstructionBlock other)
    {
        if (other._first is null)
            return this;
        if (_last is null)
            _first = other._first;
        else
            _last.Next = other._first;
        _last = other._last;
        _count += other._count;
        return this;
    }

    /// <summary>Inserts the block before <paramref name="target"/> (branches to <paramref name="target"/> still land on it).</summary>
    public void InsertBefore(MethodBody body, Instruction target)
    {
        int index = body.Instructions.IndexOf(target);
        CollectionRoom.Reserve(body.Instructions, body.Instructions.Count + _count);
        // Each link is read before the instruction joins the body, which relinks it.
        for (Instruction? instruction = _first; instruction is not null;)
        {
            Instruction? next = instruction == _last ? null : instruction.Next;
            body.Instructions.Insert(index++, instruction);
            instruction = next;
        }
    }

    /// <summary>Appends the block at the end of <paramref name="body"/>.</summary>
    public void AppendTo(MethodBody body)
    {
        CollectionRoom.Reserve(body.Instructions, body.Instructions.Count + _count);
        for (Instruction? instruction = _first; instruction is not null;)
        {
            Instruction? next = instruction == _last ? null : instruction.Next;
            body.Instructions.Add(instruction);
            instruction = next;
        }
    }
}
