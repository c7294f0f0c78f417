using System.Linq;
using Mono.Cecil;

namespace Usdt.Fody.Selection;

/// <summary>Tells a method's <see cref="MethodShape"/>, its state machine, and whether the compiler made it.</summary>
internal static class MethodShapes
{
    // MethodImplAttributes.Async (.NET 10 runtime-async): the runtime, not a state machine, suspends the method.
    private const MethodImplAttributes RuntimeAsyncFlag = (MethodImplAttributes)0x2000;

    public static MethodShape Of(MethodDefinition method)
    {
        if ((method.ImplAttributes & RuntimeAsyncFlag) != 0)
            return MethodShape.RuntimeAsync;
        // Most methods have no attribute: asking spares reading them into a collection.
        if (!method.HasCustomAttributes)
            return MethodShape.Ordinary;
        foreach (CustomAttribute attribute in method.CustomAttributes)
        {
            switch (attribute.AttributeType.FullName)
            {
                case "System.Runtime.CompilerServices.AsyncStateMachineAttribute":
                    return MethodShape.Async;
                case "System.Runtime.CompilerServices.IteratorStateMachineAttribute":
                case "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute":
                    return MethodShape.Iterator;
            }
        }
        return MethodShape.Ordinary;
    }

    private static readonly string[] StateMachineAttributes =
    [
        "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
        "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
    ];

    /// <summary>The state machine type an async method's or iterator's attribute names.</summary>
    public static TypeDefinition? StateMachineOf(MethodDefinition method) =>
        method.CustomAttributes
            .Where(a => StateMachineAttributes.Contains(a.AttributeType.FullName) && a.ConstructorArguments.Count == 1)
            .Select(a => (a.ConstructorArguments[0].Value as TypeReference)?.Resolve())
            .FirstOrDefault(t => t is not null);

    /// <summary>
    /// Made by the compiler rather than written by the user: lambdas, local functions,
    /// closures, state machines, records' synthesized members. Accessors of auto-properties
    /// also carry [CompilerGenerated] but belong to a property the user declared, so they count
    /// as the user's; a property the compiler declared itself (a record's EqualityContract)
    /// is marked [CompilerGenerated] too, and so are its accessors' the compiler's.
    /// </summary>
    public static bool IsCompilerGenerated(MethodDefinition method)
    {
        if (method.Name.StartsWith("<", System.StringComparison.Ordinal))
            return true;
        if (IsMarked(method) && !(method.IsGetter || method.IsSetter))
            return true;
        if (IsMarked(method) && OwningProperty(method) is { } property && IsMarked(property))
            return true;
        for (TypeDefinition? type = method.DeclaringType; type is not null; type = type.DeclaringType)
        {
            if (IsMarked(type) || type.Name.StartsWith("<", System.StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static PropertyDefinition? OwningProperty(MethodDefinition accessor) =>
        accessor.DeclaringType.Properties.FirstOrDefault(p => p.GetMethod == accessor || p.SetMethod == accessor);

    // A loop, not LINQ: asked for every method of the module and the types around it.
    private static bool IsMarked(ICustomAttributeProvider scope)
    {
        if (!scope.HasCustomAttributes)
            return false;
        foreach (CustomAttribute attribute in scope.CustomAttributes)
        {
            if (attribute.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute")
                return true;
        }
        return false;
    }
}
