using Mono.Cecil.Cil;

namespace Usdt.Fody.Injection;

/// <summary>
/// Widens every short branch of a body (<c>br.s</c> to <c>br</c>, ...), so inserting code
/// cannot push a target out of a short branch's one-byte reach (ECMA-335 III.3.15); Cecil's
/// <c>OptimizeMacros</c> shortens what still fits once the body is final.
/// </summary>
/// <remarks>
/// Cecil's <c>SimplifyMacros</c> would do this too, but it also expands every
/// <c>ldarg.0</c> into a reference to the method's <c>this</c> parameter, which Cecil builds
/// with a locked metadata lookup: a fifth of the weaving time of a large assembly.
/// </remarks>
internal static class ShortBranches
{
    public static void Widen(MethodBody body)
    {
        foreach (Instruction instruction in body.Instructions)
        {
            if (instruction.OpCode.OperandType == OperandType.ShortInlineBrTarget)
                instruction.OpCode = Long(instruction.OpCode.Code);
        }
    }

    private static OpCode Long(Code code) => code switch
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
        _ => throw new System.InvalidOperationException($"{code} is not a short branch."),
    };
}
