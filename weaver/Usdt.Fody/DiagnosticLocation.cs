using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Selection;

namespace Usdt.Fody;

/// <summary>
/// Where a diagnostic about a method points in the user's source. Methods without a body
/// (abstract, extern) have no sequence points, and the compiler puts an async method's or
/// an iterator's points in its state machine's MoveNext, not in the method the user wrote;
/// those fall back to the state machine, then to the declaring type's first line, so every
/// message still names a file and a line near the declaration.
/// </summary>
internal static class DiagnosticLocation
{
    public static SequencePoint? Of(MethodDefinition method) =>
        FirstVisible(method)
        ?? MethodShapes.StateMachineOf(method)?.Methods.Where(m => m.Name == "MoveNext").Select(FirstVisible).FirstOrDefault(p => p is not null)
        ?? method.DeclaringType.Methods.Select(FirstVisible).Where(p => p is not null).OrderBy(p => p!.StartLine).FirstOrDefault();

    private static SequencePoint? FirstVisible(MethodDefinition method) =>
        method.DebugInformation.HasSequencePoints ? method.DebugInformation.SequencePoints.FirstOrDefault(p => !p.IsHidden) : null;
}
