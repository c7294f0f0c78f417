using System;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;

namespace Usdt.Fody.Injection;

/// <summary>
/// The short instruction forms of ECMA-335 III: widens every short branch before code is
/// inserted into a body, so no insertion can push a target out of a short branch's one-byte
/// reach (III.3.15); once the body is final, picks the shortest form of every argument,
/// local, constant and branch instruction.
/// </summary>
/// <remarks>
/// <see cref="Shorten"/> gives the same instructions as Cecil's <c>OptimizeMacros</c>, in
/// linear time, except that a branch to an instruction outside the body is an error here
/// (Cecil measures it with a stale offset). Cecil re-computes every offset of the body each time it shortens a branch,
/// which is quadratic in a large method, and was a tenth of a weave of a real library (a
/// third on the weave's first run in a process, when that code is not yet optimised).
/// Cecil's <c>SimplifyMacros</c> would widen branches too, but it also expands every
/// <c>ldarg.0</c> into a reference to the method's <c>this</c> parameter, which Cecil builds
/// with a locked metadata lookup.
/// </remarks>
internal static class ShortForms
{
    /// <summary>What a branch saves in its short form: a one-byte target (III.3.15) instead of four.</summary>
    private const int BranchSaving = 3;

    /// <summary>A long branch: one opcode byte, then a four-byte target relative to the instruction's end.</summary>
    private const int LongBranchSize = 5;

    public static void Widen(MethodBody body)
    {
        foreach (Instruction instruction in body.Instructions)
        {
            if (instruction.OpCode.OperandType == OperandType.ShortInlineBrTarget)
                instruction.OpCode = LongBranch(instruction.OpCode.Code);
        }
    }

    /// <summary>
    /// Shortens every instruction that has a shorter form, and leaves each instruction's
    /// <see cref="Instruction.Offset"/> where the body will be written.
    /// </summary>
    public static void Shorten(MethodBody body)
    {
        Collection<Instruction> instructions = body.Instructions;
        int[] offsets = OffsetsFor(instructions.Count);
        bool hasThis = body.Method.HasThis;
        int offset = 0;
        for (int i = 0; i < instructions.Count; i++)
        {
            Instruction instruction = instructions[i];
            ShortenOperandForm(instruction, hasThis);
            offsets[i] = offset;
            // Its position, until the offsets are final: where a branch's target is, at once.
            instruction.Offset = i;
            offset += instruction.GetSize();
        }
        ShortenBranches(instructions, offsets);
        offset = 0;
        foreach (Instruction instruction in instructions)
        {
            instruction.Offset = offset;
            offset += instruction.GetSize();
        }
    }

    /// <summary>
    /// Shortens each long branch whose target is in reach, first to last, judging each by the
    /// offsets it sees with the branches before it already shortened: Cecil's order, and so
    /// Cecil's result. <paramref name="offsets"/> come with every branch as it came, and each
    /// is brought up to date as the pass reaches it: shortening a branch moves everything
    /// after it back by three bytes.
    /// </summary>
    private static void ShortenBranches(Collection<Instruction> instructions, int[] offsets)
    {
        int saved = 0;
        for (int i = 0; i < instructions.Count; i++)
        {
            offsets[i] -= saved;
            Instruction branch = instructions[i];
            if (branch.OpCode.OperandType != OperandType.InlineBrTarget)
                continue;
            int target = PositionOf((Instruction)branch.Operand, instructions);
            // A target after the branch has not been brought up to date yet.
            int targetOffset = target <= i ? offsets[target] : offsets[target] - saved;
            int distance = targetOffset - (offsets[i] + LongBranchSize);
            if (distance < sbyte.MinValue || distance > sbyte.MaxValue)
                continue;
            branch.OpCode = ShortBranch(branch.OpCode.Code);
            saved += BranchSaving;
        }
    }

    /// <summary>Where <paramref name="target"/> is in the body: its offset holds its position during the pass.</summary>
    private static int PositionOf(Instruction target, Collection<Instruction> instructions)
    {
        int position = target.Offset;
        if (position < 0 || position >= instructions.Count || !ReferenceEquals(instructions[position], target))
            throw new InvalidOperationException($"A branch targets an instruction that is not in the body ({target.OpCode.Name}).");
        return position;
    }

    /// <summary>One array per thread, grown as bodies grow: a weave shortens every body it touches.</summary>
    private static int[] OffsetsFor(int count)
    {
        if (s_offsets is null || s_offsets.Length < count)
            s_offsets = new int[Math.Max(count, 2 * (s_offsets?.Length ?? 64))];
        return s_offsets;
    }

    [ThreadStatic]
    private static int[]? s_offsets;

    /// <summary>
    /// The short form of an argument, local or constant instruction (III.3.38, III.3.43,
    /// III.3.40, III.3.63): the one-byte macro for the first four slots (and for the constants
    /// -1 to 8), the <c>.s</c> form with a one-byte operand up to 255 (-128 to 127).
    /// <c>starg</c> keeps its form, as Cecil's does.
    /// </summary>
    private static void ShortenOperandForm(Instruction instruction, bool hasThis)
    {
        switch (instruction.OpCode.Code)
        {
            case Code.Ldarg:
                int argument = ArgumentSlot((ParameterDefinition)instruction.Operand, hasThis);
                if (argument is >= 0 and < 4)
                    Macro(instruction, Ldargs[argument]);
                else if (argument < 256)
                    instruction.OpCode = OpCodes.Ldarg_S;
                break;
            case Code.Ldarga:
                if (ArgumentSlot((ParameterDefinition)instruction.Operand, hasThis) < 256)
                    instruction.OpCode = OpCodes.Ldarga_S;
                break;
            case Code.Ldloc:
                ShortenLocal(instruction, Ldlocs, OpCodes.Ldloc_S);
                break;
            case Code.Stloc:
                ShortenLocal(instruction, Stlocs, OpCodes.Stloc_S);
                break;
            case Code.Ldloca:
                if (((VariableDefinition)instruction.Operand).Index < 256)
                    instruction.OpCode = OpCodes.Ldloca_S;
                break;
            case Code.Ldc_I4:
                int value = (int)instruction.Operand;
                if (value is >= -1 and <= 8)
                    Macro(instruction, Constants[value + 1]);
                else if (value is >= sbyte.MinValue and <= sbyte.MaxValue)
                {
                    instruction.OpCode = OpCodes.Ldc_I4_S;
                    instruction.Operand = (sbyte)value;
                }
                break;
        }
    }

    /// <summary>
    /// The argument's slot (II.15.4.1: <c>this</c> is argument 0 of an instance method). The
    /// <c>this</c> parameter's own index is -1, which the increment makes 0.
    /// </summary>
    private static int ArgumentSlot(ParameterDefinition parameter, bool hasThis) => hasThis ? parameter.Index + 1 : parameter.Index;

    private static void ShortenLocal(Instruction instruction, OpCode[] macros, OpCode shortForm)
    {
        int index = ((VariableDefinition)instruction.Operand).Index;
        if (index is >= 0 and < 4)
            Macro(instruction, macros[index]);
        else if (index < 256)
            instruction.OpCode = shortForm;
    }

    private static void Macro(Instruction instruction, OpCode macro)
    {
        instruction.OpCode = macro;
        instruction.Operand = null;
    }

    private static readonly OpCode[] Ldargs = [OpCodes.Ldarg_0, OpCodes.Ldarg_1, OpCodes.Ldarg_2, OpCodes.Ldarg_3];
    private static readonly OpCode[] Ldlocs = [OpCodes.Ldloc_0, OpCodes.Ldloc_1, OpCodes.Ldloc_2, OpCodes.Ldloc_3];
    private static readonly OpCode[] Stlocs = [OpCodes.Stloc_0, OpCodes.Stloc_1, OpCodes.Stloc_2, OpCodes.Stloc_3];

    private static readonly OpCode[] Constants =
    [
        OpCodes.Ldc_I4_M1, OpCodes.Ldc_I4_0, OpCodes.Ldc_I4_1, OpCodes.Ldc_I4_2, OpCodes.Ldc_I4_3,
        OpCodes.Ldc_I4_4, OpCodes.Ldc_I4_5, OpCodes.Ldc_I4_6, OpCodes.Ldc_I4_7, OpCodes.Ldc_I4_8,
    ];

    private static OpCode LongBranch(Code code) => code switch
    {
        Code.Br_S => OpCodes.Br,
        Code.Brfalse_S => OpCodes.Brfalse,
        Code.Brtrue_S => OpCodes.Brtrue,
        Code.Beq_S => OpCodes.Beq,
        Code.Bge_S => OpCodes.Bge,
        Code.Bgt_S => OpCodes.Bgt,
        Code.Ble_S => OpCodes.Ble,
        Code.Blt_S => OpCodes.Blt,
        Code.Bne_Un_S => OpCodes.Bne_Un,
        Code.Bge_Un_S => OpCodes.Bge_Un,
        Code.Bgt_Un_S => OpCodes.Bgt_Un,
        Code.Ble_Un_S => OpCodes.Ble_Un,
        Code.Blt_Un_S => OpCodes.Blt_Un,
        Code.Leave_S => OpCodes.Leave,
        _ => throw new InvalidOperationException($"{code} is not a short branch."),
    };

    private static OpCode ShortBranch(Code code) => code switch
    {
        Code.Br => OpCodes.Br_S,
        Code.Brfalse => OpCodes.Brfalse_S,
        Code.Brtrue => OpCodes.Brtrue_S,
        Code.Beq => OpCodes.Beq_S,
        Code.Bge => OpCodes.Bge_S,
        Code.Bgt => OpCodes.Bgt_S,
        Code.Ble => OpCodes.Ble_S,
        Code.Blt => OpCodes.Blt_S,
        Code.Bne_Un => OpCodes.Bne_Un_S,
        Code.Bge_Un => OpCodes.Bge_Un_S,
        Code.Bgt_Un => OpCodes.Bgt_Un_S,
        Code.Ble_Un => OpCodes.Ble_Un_S,
        Code.Blt_Un => OpCodes.Blt_Un_S,
        Code.Leave => OpCodes.Leave_S,
        _ => throw new InvalidOperationException($"{code} is not a long branch."),
    };
}
