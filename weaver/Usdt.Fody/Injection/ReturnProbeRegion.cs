using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;
using Usdt.Fody.Arguments;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>
/// Wraps the code from a start instruction to the end of a body so that every way out of it
/// fires the return sites once:
/// <code>
///   try {
///     try {
///       the code, every `ret` now `result = value; leave Return`
///     } filter { exception = the exception; return false; }   // never catches
///   } fault {
///     [return site: 0, Elapsed(start), TypeName(exception)]  [generic method__return]
///   }
///   Return: [return site: result, Elapsed(start), NULL]  [generic method__return]; return result;
/// </code>
/// The filter only records the exception and declines it, so the exception propagates as
/// the same object with the same stack trace; the fault block fires as the method is left,
/// after the method's own finally blocks ran. A method that returns a task without being
/// async hands that task to the runtime at <c>Return</c> instead
/// (<c>TaskCompletion.FireWhenDone</c>), which fires when the task completes.
/// </summary>
internal sealed class ReturnProbeRegion
{
    private readonly ProbeSiteEmitter _sites;
    private readonly WordEmitter _words;
    private readonly RuntimeReferences _runtime;
    private readonly ModuleDefinition _module;
    private readonly MethodNameTable? _names;

    public ReturnProbeRegion(ProbeSiteEmitter sites, WordEmitter words, RuntimeReferences runtime, ModuleDefinition module, MethodNameTable? names)
    {
        _sites = sites;
        _words = words;
        _runtime = runtime;
        _module = module;
        _names = names;
    }

    /// <summary>Adds the local that holds the entry timestamp, which the caller sets (<see cref="StartClock"/>) and <see cref="Wrap"/> reads.</summary>
    public VariableDefinition DeclareClock(MethodBody body)
    {
        var clock = new VariableDefinition(_module.TypeSystem.Int64);
        body.Variables.Add(clock);
        return clock;
    }

    /// <summary>Wraps from <paramref name="start"/> on; <paramref name="clock"/> is the local <see cref="DeclareClock"/> added.</summary>
    public void Wrap(FunctionProbePlan plan, Instruction start, VariableDefinition clock)
    {
        MethodDefinition method = plan.Method;
        MethodBody body = method.Body;
        // An init accessor returns "void modreq(IsExternalInit)" (ECMA-335 II.7.1.1): still void.
        TypeReference returnType = ArgumentMapper.StripModifiers(method.ReturnType);
        bool isVoid = returnType.MetadataType == MetadataType.Void;

        // The exception local needs no initial store: the JIT zero-initialises every
        // object reference local, and the filter sets it before the fault block reads it.
        var exception = new VariableDefinition(_module.TypeSystem.Object);
        VariableDefinition? result = isVoid ? null : new VariableDefinition(returnType);
        body.Variables.Add(exception);
        if (result is not null)
            body.Variables.Add(result);

        // The normal exit: fire with the result (or, for a returned task, when it completes),
        // then return it.
        var returnBlock = new InstructionBlock();
        if (plan.ReturnProbe is { } probe)
        {
            returnBlock.Add(plan.ReturnedTask is { } task && result is not null
                ? _sites.Site(probe,
                    block => block.Add(OpCodes.Ldloc, result).Add(OpCodes.Ldloc, clock).Add(OpCodes.Ldc_I4, _words.StringLimit),
                    _runtime.FireWhenDone(task.ResultType))
                : _sites.Site(probe, 3, block =>
                {
                    if (result is null)
                        block.Add(OpCodes.Ldc_I8, 0L);
                    else
                        _words.Emit(block, plan.ReturnValue, b => b.Add(OpCodes.Ldloc, result), slot: 0);
                    EmitElapsed(block, clock);
                    block.Add(OpCodes.Ldc_I8, 0L);
                }));
        }
        AddGenericReturn(returnBlock, plan);
        if (result is not null)
            returnBlock.Add(OpCodes.Ldloc, result);
        returnBlock.Add(OpCodes.Ret);

        // Exceptional exit: a filter that records and declines, inside a fault that fires.
        var filter = new InstructionBlock()
            .Add(OpCodes.Stloc, exception)
            .Add(OpCodes.Ldc_I4_0)
            .Add(OpCodes.Endfilter);

        RedirectReturns(body, start, result, returnBlock.First);
        // Cecil marks "to the end of the body" with a null end; the body is about to grow.
        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            handler.TryEnd ??= filter.First;
            handler.HandlerEnd ??= filter.First;
        }

        // The filter's handler never runs (the filter always declines) but must be valid IL;
        // "leave" rather than "rethrow", which would keep the JIT from inlining the method.
        var neverRuns = new InstructionBlock()
            .Add(OpCodes.Pop)
            .Add(OpCodes.Leave, returnBlock.First);
        var fault = new InstructionBlock();
        if (plan.ReturnProbe is { } thrown)
        {
            fault.Add(_sites.Site(thrown, 3, block =>
            {
                block.Add(OpCodes.Ldc_I8, 0L);
                EmitElapsed(block, clock);
                _words.EmitExceptionName(block, exception);
            }));
        }
        AddGenericReturn(fault, plan);
        fault.Add(OpCodes.Endfinally);

        filter.AppendTo(body);
        neverRuns.AppendTo(body);
        fault.AppendTo(body);
        returnBlock.AppendTo(body);
        InjectedSequencePoints.Hide(method, filter.First);
        InjectedSequencePoints.Hide(method, returnBlock.First);

        // Inner clauses first (ECMA-335 II.19): the user's own, then the filter, then the fault.
        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Filter)
        {
            TryStart = start,
            TryEnd = filter.First,
            FilterStart = filter.First,
            HandlerStart = neverRuns.First,
            HandlerEnd = fault.First,
        });
        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Fault)
        {
            TryStart = start,
            TryEnd = fault.First,
            HandlerStart = fault.First,
            HandlerEnd = returnBlock.First,
        });
    }

    /// <summary>
    /// <c>start = enabled ? Timestamp() : 0</c>, set explicitly since the method may skip
    /// zero-initialising its locals ([SkipLocalsInit]); 0 means "not measured".
    /// </summary>
    public InstructionBlock StartClock(FunctionProbePlan plan, VariableDefinition clock)
    {
        var block = new InstructionBlock();
        if (plan.ReturnProbe is not { } probe)
            return block.Add(OpCodes.Ldc_I8, 0L).Add(OpCodes.Stloc, clock);
        Instruction startClock = Instruction.Create(OpCodes.Call, _runtime.Timestamp);
        Instruction store = Instruction.Create(OpCodes.Stloc, clock);
        _sites.IsEnabled(block, probe);
        return block.Add(OpCodes.Brtrue, startClock)
                    .Add(OpCodes.Ldc_I8, 0L)
                    .Add(OpCodes.Br, store)
                    .Add(startClock)
                    .Add(store);
    }

    private void AddGenericReturn(InstructionBlock block, FunctionProbePlan plan)
    {
        if (plan.Generic is { } names && _names is not null)
            block.Add(_names.Site(names, isReturn: true));
    }

    private void EmitElapsed(InstructionBlock block, VariableDefinition clock) =>
        block.Add(OpCodes.Ldloc, clock).Add(OpCodes.Call, _runtime.ElapsedNanoseconds);

    /// <summary>
    /// Turns each <c>ret</c> from <paramref name="start"/> on into <c>stloc result; leave Return</c>,
    /// in place, so branches that targeted the <c>ret</c> now reach the store.
    /// </summary>
    private static void RedirectReturns(MethodBody body, Instruction start, VariableDefinition? result, Instruction returnSite)
    {
        Collection<Instruction> instructions = body.Instructions;
        for (int i = instructions.IndexOf(start); i >= 0 && i < instructions.Count; i++)
        {
            Instruction ret = instructions[i];
            if (ret.OpCode != OpCodes.Ret)
                continue;
            // "tail. call" must be followed by ret (ECMA-335 III.2.4); the call now returns
            // here instead, so the prefix goes.
            if (ret.Previous?.Previous is { OpCode.Code: Code.Tail } tail)
                tail.OpCode = OpCodes.Nop;

            if (result is null)
            {
                ret.OpCode = OpCodes.Leave;
                ret.Operand = returnSite;
                continue;
            }
            ret.OpCode = OpCodes.Stloc;
            ret.Operand = result;
            instructions.Insert(++i, Instruction.Create(OpCodes.Leave, returnSite));
        }
    }
}
