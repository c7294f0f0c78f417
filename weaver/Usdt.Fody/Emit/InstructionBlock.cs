using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Usdt.Fody.Emit;

/// <summary>A run of new instructions built in order, then spliced into a method body.</summary>
internal sealed class InstructionBlock
{
    // Sixteen: most blocks (a probe site, a check) fit without the list growing.
    public List<Instruction> Instructions { get; } = new(16);

    public Instruction First => Instructions[0];

    public InstructionBlock Add(Instruction instruction)
    {
        Instructions.Add(instruction);
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

    public InstructionBlock Add(InstructionBlock other)
    {
        Instructions.AddRange(other.Instructions);
        return this;
    }

    /// <summary>Inserts the block before <paramref name="target"/> (branches to <paramref name="target"/> still land on it).</summary>
    public void InsertBefore(MethodBody body, Instruction target)
    {
        int index = body.Instructions.IndexOf(target);
        for (int i = 0; i < Instructions.Count; i++)
            body.Instructions.Insert(index + i, Instructions[i]);
    }

    /// <summary>Appends the block at the end of <paramref name="body"/>.</summary>
    public void AppendTo(MethodBody body)
    {
        foreach (Instruction instruction in Instructions)
            body.Instructions.Add(instruction);
    }
}
