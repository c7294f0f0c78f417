using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Usdt.Fody.Injection;

/// <summary>Finds where a constructor's own code begins: after its call to the base or a sibling constructor.</summary>
internal static class ConstructorBody
{
    /// <summary>
    /// The instruction after <c>base(...)</c> or <c>this(...)</c>; the first instruction for
    /// value types and static constructors (which make no such call); null when a reference
    /// type's constructor has no recognisable call (hand-written IL).
    /// </summary>
    public static Instruction? UserCodeStart(MethodDefinition constructor)
    {
        Mono.Collections.Generic.Collection<Instruction> body = constructor.Body.Instructions;
        if (constructor.IsStatic || constructor.DeclaringType.IsValueType)
            return body[0];

        TypeReference? baseType = constructor.DeclaringType.BaseType;
        foreach (Instruction instruction in body)
        {
            if (instruction.OpCode == OpCodes.Call && instruction.Operand is MethodReference { Name: ".ctor" } target &&
                (SameType(target.DeclaringType, constructor.DeclaringType) || (baseType is not null && SameType(target.DeclaringType, baseType))))
                return instruction.Next;
        }
        return null;
    }

    private static bool SameType(TypeReference a, TypeReference b) =>
        a.GetElementType().FullName == b.GetElementType().FullName;
}
