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
        // The copies double as the test of what lies in the copied part; nothing is changed
        // until that part is known to be self-contained.
        var copies = new InstructionCopies(instructions, first);
        if (!BranchesStayInside(instructions, first, copies) || !ClausesStayInside(body, copies))
            return null;
        copies.SetOperands();

        // Clauses that ran to the end of the body (a null end) end where the copy begins; the
        // copy's own keep their null end, which the return probe's wrapping then closes.
        Collection<ExceptionHandler> handlers = body.ExceptionHandlers;
        int handlerCount = handlers.Count;
        var clauses = new ExceptionHandler[handlerCount];
        for (int h = 0; h < handlerCount; h++)
        {
            ExceptionHandler handler = handlers[h];
            clauses[h] = ClauseCopy.Of(handler, copies.Of);
            handler.TryEnd ??= end;
            handler.HandlerEnd ??= end;
        }

        instructions.Add(end);
        copies.AppendTo(instructions);
        foreach (ExceptionHandler clause in clauses)
            handlers.Add(clause);
        copies.CopySequencePoints(method.DebugInformation, method.DebugInformation);
        return copies.Of(userCodeStart);
    }

    private static bool BranchesStayInside(Collection<Instruction> instructions, int first, InstructionCopies copies)
    {
        for (int i = first; i < instructions.Count; i++)
        {
            switch (instructions[i].Operand)
            {
                case Instruction target when !copies.Contains(target):
                    return false;
                case Instruction[] targets:
                    foreach (Instruction? target in targets)
                    {
                        if (target is not null && !copies.Contains(target))
                            return false;
                    }
                    break;
            }
        }
        return true;
    }

    private static bool ClausesStayInside(MethodBody body, InstructionCopies copies)
    {
        if (!body.HasExceptionHandlers)
            return true;
        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            if (handler.TryStart is { } tryStart && !copies.Contains(tryStart) || handler.HandlerStart is { } handlerStart && !copies.Contains(handlerStart))
                return false;
        }
        return true;
    }
}
