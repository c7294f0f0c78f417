using System;
using Mono.Cecil.Cil;

namespace Usdt.Fody.Injection;

/// <summary>An exception clause of copied code: the same kind and catch type, its boundaries mapped to the copies of their instructions.</summary>
internal static class ClauseCopy
{
    public static ExceptionHandler Of(ExceptionHandler handler, Func<Instruction?, Instruction?> map) =>
        new(handler.HandlerType)
        {
            TryStart = map(handler.TryStart),
            TryEnd = map(handler.TryEnd),
            FilterStart = map(handler.FilterStart),
            HandlerStart = map(handler.HandlerStart),
            HandlerEnd = map(handler.HandlerEnd),
            CatchType = handler.CatchType,
        };
}
