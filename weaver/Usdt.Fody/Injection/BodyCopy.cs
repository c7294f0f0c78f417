using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Usdt.Fody.Injection;

/// <summary>
/// Appends to a method body a second copy of its code from <c>userCodeStart</c> on: every
/// instruction, its branch targets and switch tables remapped onto the copy, its exception
/// clauses duplicated around the copied instructions, its sequence points duplicated too (so
/// a fault in the copy has the line it has in the original). The copy shares the original's
/// locals and arguments. The weaver runs this copy, instrumented, while a tracer is attached,
/// and the original, untouched and outside any added exception clause, while none is.
/// </summary>
internal static class BodyCopy
{
    /// <summary>
    /// Appends the copy and returns its first instruction, or null (nothing changed) when
    /// the code from <paramref name="userCodeStart"/> on is not self-contained: a branch or an
    /// exception clause reaching before it.
    /// </summary>
    /// <param name="end">Put between the original and the copy: where control goes in no case but the traced one.</param>
    public static Instruction? TryAppend(MethodDefinition method, Instruction userCodeStart, Instruction end)
    {
        MethodBody body = method.Body;
        int first = body.Instructions.IndexOf(userCodeStart);
        List<Instruction> region = body.Instructions.Skip(first).ToList();
        var inRegion = new HashSet<Instruction>(region);
        bool Inside(Instruction? target) => target is null || inRegion.Contains(target);
        if (region.Any(i => i.Operand is Instruction target && !Inside(target) || i.Operand is Instruction[] targets && !targets.All(Inside)) ||
            body.ExceptionHandlers.Any(h => !Inside(h.TryStart) || !Inside(h.HandlerStart)))
            return null;

        var map = new Dictionary<Instruction, Instruction>(region.Count);
        foreach (Instruction instruction in region)
        {
            Instruction copy = Instruction.Create(OpCodes.Nop);
            copy.OpCode = instruction.OpCode;
            map[instruction] = copy;
        }
        foreach (Instruction instruction in region)
        {
            map[instruction].Operand = instruction.Operand switch
            {
                Instruction target => map[target],
                Instruction[] targets => targets.Select(target => map[target]).ToArray(),
                var other => other,
            };
        }
        Instruction? Map(Instruction? instruction) => instruction is null ? null : map[instruction];

        // Clauses that ran to the end of the body (a null end) end where the copy begins; the
        // copy's own keep their null end, which the return probe's wrapping then closes.
        List<ExceptionHandler> copies = body.ExceptionHandlers.Select(h => new ExceptionHandler(h.HandlerType)
        {
            TryStart = Map(h.TryStart),
            TryEnd = Map(h.TryEnd),
            FilterStart = Map(h.FilterStart),
            HandlerStart = Map(h.HandlerStart),
            HandlerEnd = Map(h.HandlerEnd),
            CatchType = h.CatchType,
        }).ToList();
        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            handler.TryEnd ??= end;
            handler.HandlerEnd ??= end;
        }

        body.Instructions.Add(end);
        foreach (Instruction instruction in region)
            body.Instructions.Add(map[instruction]);
        foreach (ExceptionHandler copy in copies)
            body.ExceptionHandlers.Add(copy);
        CopySequencePoints(method, region, map);
        return map[userCodeStart];
    }

    /// <summary>
    /// Until the body is written, the original instructions keep the offsets they were read
    /// at, and so do the sequence points bound to them: that is how a point finds its instruction.
    /// </summary>
    private static void CopySequencePoints(MethodDefinition method, List<Instruction> region, Dictionary<Instruction, Instruction> map)
    {
        if (!method.DebugInformation.HasSequencePoints)
            return;
        var byOffset = new Dictionary<int, Instruction>();
        foreach (Instruction instruction in region)
            byOffset[instruction.Offset] = byOffset.TryGetValue(instruction.Offset, out Instruction? seen) ? seen : instruction;
        foreach (SequencePoint point in method.DebugInformation.SequencePoints.ToList())
        {
            if (!byOffset.TryGetValue(point.Offset, out Instruction? instruction))
                continue;
            method.DebugInformation.SequencePoints.Add(new SequencePoint(map[instruction], point.Document)
            {
                StartLine = point.StartLine,
                StartColumn = point.StartColumn,
                EndLine = point.EndLine,
                EndColumn = point.EndColumn,
            });
        }
    }
}
