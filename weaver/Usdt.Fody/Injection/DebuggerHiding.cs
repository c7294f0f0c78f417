using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Usdt.Fody.Injection;

/// <summary>
/// Keeps injected code out of the user's way in a debugger: a hidden sequence point
/// (line 0xFEEFEE, the PDB convention) at the start of each injected block, so stepping
/// never stops in it and never attributes it to the user's previous line. The user's own
/// sequence points stay on their instructions, so breakpoints on original lines still bind.
/// </summary>
internal static class DebuggerHiding
{
    private const int HiddenLine = 0xFEEFEE;

    public static void Hide(MethodDefinition method, Instruction first)
    {
        if (!method.DebugInformation.HasSequencePoints)
            return;
        Document document = method.DebugInformation.SequencePoints[0].Document;
        method.DebugInformation.SequencePoints.Add(new SequencePoint(first, document)
        {
            StartLine = HiddenLine,
            EndLine = HiddenLine,
        });
    }

    /// <summary>
    /// Orders sequence points by IL offset, as the PDB format requires. Call after the body
    /// is final: offsets are recomputed so that each point's offset, which follows its
    /// instruction, is current.
    /// </summary>
    public static void SortSequencePoints(MethodDefinition method)
    {
        if (!method.DebugInformation.HasSequencePoints)
            return;
        int offset = 0;
        foreach (Instruction instruction in method.Body.Instructions)
        {
            instruction.Offset = offset;
            offset += instruction.GetSize();
        }
        var points = method.DebugInformation.SequencePoints.OrderBy(point => point.Offset).ToList();
        method.DebugInformation.SequencePoints.Clear();
        foreach (SequencePoint point in points)
            method.DebugInformation.SequencePoints.Add(point);
    }
}
