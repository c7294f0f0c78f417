using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;

namespace Usdt.Fody.Injection;

/// <summary>
/// Sequence points for injected code, so it stays out of the user's way in a debugger and
/// in stack traces. The user's own points stay on their instructions (breakpoints on
/// original lines still bind). Injected blocks after user code get a hidden point (line
/// 0xFEEFEE, the PDB convention): stepping never stops in them and never attributes them
/// to the user's previous line.
/// </summary>
internal static class InjectedSequencePoints
{
    private const int HiddenLine = 0xFEEFEE;

    /// <summary>How many hidden points a traced sibling gets: its prologue, its filter, its return.</summary>
    public const int HiddenPerTracedMethod = 3;

    /// <summary>Marks the block starting at <paramref name="first"/> hidden.</summary>
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
    /// Gives the prologue (the entry probe, before the user's first instruction) the user's
    /// first line. Optimised code maps a fault in the first statement to the method's first
    /// IL offsets; were they hidden, the stack trace of that exception would lose its line,
    /// which the unwoven method shows. A step into the method still stops on that line.
    /// </summary>
    /// <param name="userCodeStart">The user's first instruction, still at its original offset.</param>
    public static void ShareFirstLine(MethodDefinition method, Instruction prologue, Instruction userCodeStart)
    {
        if (!method.DebugInformation.HasSequencePoints)
            return;
        // Until the body is written, original instructions keep the offsets they were read
        // at, and so do the points bound to them: the first visible one from there is the line.
        // The first of the lowest offset, as a stable sort would find it.
        SequencePoint? line = null;
        foreach (SequencePoint point in method.DebugInformation.SequencePoints)
        {
            if (!point.IsHidden && point.Offset >= userCodeStart.Offset && (line is null || point.Offset < line.Offset))
                line = point;
        }
        if (line is null)
        {
            Hide(method, prologue);
            return;
        }
        method.DebugInformation.SequencePoints.Add(new SequencePoint(prologue, line.Document)
        {
            StartLine = line.StartLine,
            StartColumn = line.StartColumn,
            EndLine = line.EndLine,
            EndColumn = line.EndColumn,
        });
    }

    /// <summary>
    /// Orders sequence points by IL offset, as the PDB format requires. Call right after
    /// <see cref="ShortForms.Shorten"/>, which leaves every instruction's offset current: a
    /// point's offset follows its instruction.
    /// </summary>
    /// <remarks>
    /// A stable insertion sort in place: the points are runs already in order (the user's,
    /// their copies, the injected ones), so it moves few, where sorting into a new list and
    /// refilling the collection allocated for every method.
    /// </remarks>
    public static void SortSequencePoints(MethodDefinition method)
    {
        if (!method.DebugInformation.HasSequencePoints)
            return;
        Collection<SequencePoint> points = method.DebugInformation.SequencePoints;
        for (int i = 1; i < points.Count; i++)
        {
            SequencePoint point = points[i];
            int offset = point.Offset;
            int j = i - 1;
            if (points[j].Offset <= offset)
                continue;
            while (j >= 0 && points[j].Offset > offset)
            {
                points[j + 1] = points[j];
                j--;
            }
            points[j + 1] = point;
        }
    }
}
