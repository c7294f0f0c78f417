using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;

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
        Collection<Instruction> instructions = body.Instructions;
        int first = instructions.IndexOf(userCodeStart);
        int count = instructions.Count;
        // The map doubles as the test of what lies in the copied part; nothing is changed
        // until that part is known to be self-contained.
        var map = new Dictionary<Instruction, Instruction>(count - first);
        for (int i = first; i < count; i++)
        {
            Instruction copy = Instruction.Create(OpCodes.Nop);
            copy.OpCode = instructions[i].OpCode;
            map[instructions[i]] = copy;
        }
        if (!BranchesStayInside(instructions, first, map) || !ClausesStayInside(body, map))
            return null;

        for (int i = first; i < count; i++)
        {
            Instruction instruction = instructions[i];
            map[instruction].Operand = instruction.Operand switch
            {
                Instruction target => map[target],
                Instruction[] targets => MapAll(targets, map),
                var other => other,
            };
        }
        Instruction? Map(Instruction? instruction) => instruction is null ? null : map[instruction];

        // Clauses that ran to the end of the body (a null end) end where the copy begins; the
        // copy's own keep their null end, which the return probe's wrapping then closes.
        Collection<ExceptionHandler> handlers = body.ExceptionHandlers;
        int handlerCount = handlers.Count;
        var copies = new ExceptionHandler[handlerCount];
        for (int h = 0; h < handlerCount; h++)
        {
            ExceptionHandler handler = handlers[h];
            copies[h] = ClauseCopy.Of(handler, Map);
            handler.TryEnd ??= end;
            handler.HandlerEnd ??= end;
        }

        instructions.Add(end);
        for (int i = first; i < count; i++)
            instructions.Add(map[instructions[i]]);
        foreach (ExceptionHandler copy in copies)
            handlers.Add(copy);
        CopySequencePoints(method, instructions, first, count, map);
        return map[userCodeStart];
    }

    private static bool BranchesStayInside(Collection<Instruction> instructions, int first, Dictionary<Instruction, Instruction> map)
    {
        for (int i = first; i < instructions.Count; i++)
        {
            switch (instructions[i].Operand)
            {
                case Instruction target when !map.ContainsKey(target):
                    return false;
                case Instruction[] targets:
                    foreach (Instruction? target in targets)
                    {
                        if (target is not null && !map.ContainsKey(target))
                            return false;
                    }
                    break;
            }
        }
        return true;
    }

    private static bool ClausesStayInside(MethodBody body, Dictionary<Instruction, Instruction> map)
    {
        if (!body.HasExceptionHandlers)
            return true;
        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            if (handler.TryStart is { } tryStart && !map.ContainsKey(tryStart) || handler.HandlerStart is { } handlerStart && !map.ContainsKey(handlerStart))
                return false;
        }
        return true;
    }

    private static Instruction[] MapAll(Instruction[] targets, Dictionary<Instruction, Instruction> map)
    {
        var mapped = new Instruction[targets.Length];
        for (int i = 0; i < targets.Length; i++)
            mapped[i] = map[targets[i]];
        return mapped;
    }

    /// <summary>
    /// Until the body is written, the original instructions keep the offsets they were read
    /// at, and so do the sequence points bound to them: that is how a point finds its instruction.
    /// </summary>
    private static void CopySequencePoints(MethodDefinition method, Collection<Instruction> instructions, int first, int count,
        Dictionary<Instruction, Instruction> map)
    {
        if (!method.DebugInformation.HasSequencePoints)
            return;
        var byOffset = new Dictionary<int, Instruction>(count - first);
        for (int i = first; i < count; i++)
        {
            Instruction instruction = instructions[i];
            if (!byOffset.ContainsKey(instruction.Offset))
                byOffset.Add(instruction.Offset, instruction);
        }
        // The copies go after the originals: only the points there before are copied.
        Collection<SequencePoint> points = method.DebugInformation.SequencePoints;
        int pointCount = points.Count;
        for (int p = 0; p < pointCount; p++)
        {
            SequencePoint point = points[p];
            if (!byOffset.TryGetValue(point.Offset, out Instruction? instruction))
                continue;
            points.Add(new SequencePoint(map[instruction], point.Document)
            {
                StartLine = point.StartLine,
                StartColumn = point.StartColumn,
                EndLine = point.EndLine,
                EndColumn = point.EndColumn,
            });
        }
    }
}
