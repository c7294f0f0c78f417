using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>
/// A private sibling of a method with the same parameters (and <c>this</c>, the same kind of
/// method, static or instance) holding a copy of its body: its instructions, locals,
/// exception clauses and sequence points (the copy shows the original's lines). The weaver
/// instruments the sibling and has the method call it while a tracer is attached
/// (<see cref="SyncMethodInjector"/>). The sibling is never inlined: its only call site
/// runs only when traced, and inlined it would bring its size back into the method.
/// </summary>
internal static class TracedMethod
{
    /// <summary>
    /// Adds the sibling to the method's type, with the method's locals but no code yet (the
    /// caller adds what goes first, then <see cref="CopyCode"/>); returns it and the reference
    /// to call it by.
    /// </summary>
    /// <param name="siteRoom">How many instructions the caller will add to the copy: its lists are made that large at once.</param>
    public static (MethodDefinition Definition, MethodReference Reference) Declare(MethodDefinition method, int siteRoom)
    {
        var traced = new MethodDefinition(NameOf(method),
            MethodAttributes.Private | MethodAttributes.HideBySig | (method.Attributes & MethodAttributes.Static),
            method.ReturnType)
        {
            HasThis = method.HasThis,
            ExplicitThis = method.ExplicitThis,
            CallingConvention = method.CallingConvention,
            ImplAttributes = MethodImplAttributes.IL | MethodImplAttributes.Managed | MethodImplAttributes.NoInlining,
        };
        // Same type parameters at the same positions: the copied body, its locals and the
        // signature name them as !!N (ECMA-335 II.23.2.12), by position, not by owner.
        foreach (GenericParameter parameter in method.GenericParameters)
        {
            var copy = new GenericParameter(parameter.Name, traced) { Attributes = parameter.Attributes };
            foreach (GenericParameterConstraint constraint in parameter.Constraints)
                copy.Constraints.Add(new GenericParameterConstraint(constraint.ConstraintType));
            traced.GenericParameters.Add(copy);
        }
        foreach (ParameterDefinition parameter in method.Parameters)
            traced.Parameters.Add(new ParameterDefinition(parameter.Name, parameter.Attributes & (ParameterAttributes.In | ParameterAttributes.Out), parameter.ParameterType));
        // Added first: the copy's `this` parameter is made from the declaring type.
        method.DeclaringType.Methods.Add(traced);

        MethodBody source = method.Body;
        MethodBody target = traced.Body;
        CollectionRoom.Reserve(target.Instructions, source.Instructions.Count + siteRoom);
        if (method.DebugInformation.HasSequencePoints)
            CollectionRoom.Reserve(traced.DebugInformation.SequencePoints, method.DebugInformation.SequencePoints.Count + InjectedSequencePoints.HiddenPerTracedMethod);
        // Same locals in the same order: ldloc.N and ldarg.N keep their meaning in the copy.
        target.InitLocals = source.InitLocals;
        foreach (VariableDefinition local in source.Variables)
            target.Variables.Add(new VariableDefinition(local.VariableType));
        return (traced, Instantiated(ReferenceTo(traced, method.DeclaringType), method));
    }

    /// <summary>
    /// Appends a copy of <paramref name="method"/>'s code to <paramref name="traced"/>, made by
    /// <see cref="Declare"/>: its instructions, exception clauses and sequence points (the copy
    /// shows the original's lines). Returns the copy's first instruction.
    /// </summary>
    public static Instruction CopyCode(MethodDefinition method, MethodDefinition traced)
    {
        MethodBody source = method.Body;
        MethodBody target = traced.Body;
        var copies = new InstructionCopies(source.Instructions, 0);
        copies.SetOperands(operand => operand switch
        {
            VariableDefinition local => target.Variables[local.Index],
            ParameterDefinition parameter => parameter.Index < 0 ? target.ThisParameter : traced.Parameters[parameter.Index],
            var other => other,
        });
        copies.AppendTo(target.Instructions);
        foreach (ExceptionHandler handler in source.ExceptionHandlers)
            target.ExceptionHandlers.Add(ClauseCopy.Of(handler, copies.Of));
        copies.CopySequencePoints(method.DebugInformation, traced.DebugInformation);
        return copies.Of(source.Instructions[0])!;
    }

    /// <summary>A generic sibling called with the method's own type arguments: <c>Sibling&lt;!!0, ...&gt;</c>.</summary>
    private static MethodReference Instantiated(MethodReference sibling, MethodDefinition method)
    {
        if (!method.HasGenericParameters)
            return sibling;
        var instance = new GenericInstanceMethod(sibling);
        foreach (GenericParameter parameter in method.GenericParameters)
            instance.GenericArguments.Add(parameter);
        return instance;
    }

    /// <summary>An unspeakable name, as the C# compiler gives its own helpers: <c>&lt;Add&gt;usdt_traced</c>.</summary>
    private static string NameOf(MethodDefinition method) => $"<{method.Name}>usdt_traced";

    /// <summary>The sibling as its method calls it: on the type's own instantiation when the type is generic (ECMA-335 II.9.4).</summary>
    private static MethodReference ReferenceTo(MethodDefinition traced, TypeDefinition type)
    {
        if (!type.HasGenericParameters)
            return traced;
        var reference = new MethodReference(traced.Name, traced.ReturnType, SelfInstance.Of(type))
        {
            HasThis = traced.HasThis,
            ExplicitThis = traced.ExplicitThis,
            CallingConvention = traced.CallingConvention,
        };
        foreach (GenericParameter parameter in traced.GenericParameters)
            reference.GenericParameters.Add(new GenericParameter(parameter.Name, reference));
        foreach (ParameterDefinition parameter in traced.Parameters)
            reference.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
        return reference;
    }
}
