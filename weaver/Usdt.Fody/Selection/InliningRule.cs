using System.Linq;
using Mono.Cecil;

namespace Usdt.Fody.Selection;

/// <summary>
/// Which methods a wide scope (a type, the module, the assembly, FodyWeavers.xml) leaves
/// unprobed because the JIT is meant to inline them: <c>[AggressiveInlining]</c> methods,
/// and methods whose IL body is at most <c>MinMethodBytes</c> (default 64) long, such as
/// accessors and forwarding one-liners (an async method is measured by its state machine). A probe there costs more than the method, keeps it
/// from being inlined, and, for a forced inline, brings its probe sites into every caller.
/// <c>[Probe]</c> on the method (or its property) always probes it.
/// </summary>
internal static class InliningRule
{
    public const string AggressiveInlining = "[AggressiveInlining]";

    /// <summary>Why <paramref name="method"/> is left unprobed, or null when it is probed.</summary>
    public static string? Skips(MethodDefinition method, int minMethodBytes)
    {
        if ((method.ImplAttributes & MethodImplAttributes.AggressiveInlining) != 0)
            return AggressiveInlining;
        int size = SizeOf(method);
        return size <= minMethodBytes ? $"{size} IL bytes (MinMethodBytes {minMethodBytes})" : null;
    }

    /// <summary>
    /// The IL size of what the method runs: an async method's body lives in its state
    /// machine's <c>MoveNext</c>; the method itself only starts it.
    /// </summary>
    private static int SizeOf(MethodDefinition method) =>
        MethodShapes.Of(method) == MethodShape.Async && MethodShapes.StateMachineOf(method)?.Methods.FirstOrDefault(m => m.Name == "MoveNext" && m.HasBody) is { } moveNext
            ? moveNext.Body.CodeSize
            : method.Body.CodeSize;
}
