using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using Usdt.Fody.Arguments;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>
/// Wraps a method in its entry and return probes. The woven body reads:
/// <code>
///   [entry site]
///   long start = returnEnabled ? Timestamp() : 0;  object exception = null;
///   try {
///     try {
///       original body, every `ret` now `result = value; leave Return`
///     } filter { exception = the exception; return false; }   // never catches
///   } fault {
///     [return site: 0, Elapsed(start), TypeName(exception)]
///   }
///   Return: [return site: result, Elapsed(start), NULL]; return result;
/// </code>
/// A method that returns a task without being async hands that task to the runtime at
/// <c>Return</c> instead (<c>TaskCompletion.FireWhenDone(stub, task, start, limit)</c>),
/// which fires when the task completes, at once when it already has.
/// The filter only records the exception and declines it, so the exception propagates
/// as the same object with the same stack trace; the fault block fires the return probe
/// once, as the method is left, after the method's own finally blocks ran.
/// </summary>
internal sealed class SyncMethodInjector
{
    private readonly ProbeSiteEmitter _sites;
    private readonly WordEmitter _words;
    private readonly RuntimeReferences _runtime;
    private readonly ModuleDefinition _module;

    public SyncMethodInjector(ProbeSiteEmitter sites, WordEmitter words, RuntimeReferences runtime, ModuleDefinition module)
    {
        _sites = sites;
        _words = words;
        _runtime = runtime;
        _module = module;
    }

    /// <summary>Injects the plan's probes; <paramref name="userCodeStart"/> is where the method's own code begins.</summary>
    public void Inject(FunctionProbePlan plan, Instruction userCodeStart)
    {
        MethodDefinition method = plan.Method;
        MethodBody body = method.Body;
        ShortBranches.Widen(body);

        VariableDefinition? start = plan.ReturnProbe is { } returnProbe ? WrapForReturn(plan, returnProbe, userCodeStart) : null;
        InstructionBlock prologue = Prologue(plan, start, userCodeStart);
        if (prologue.Instructions.Count > 0)
        {
            InjectedSequencePoints.ShareFirstLine(method, prologue.First, userCodeStart);
            prologue.InsertBefore(body, userCodeStart);
        }
        body.OptimizeMacros();
        InjectedSequencePoints.SortSequencePoints(method);
    }

    /// <summary>
    /// What runs before the user's code: the entry probe, and the return probe's clock. When
    /// the method has both probes (adjacent in the table), one 4-byte read of their two
    /// semaphores decides whether anything is to be done, so a method nobody traces pays a
    /// single compare at entry.
    /// </summary>
    private InstructionBlock Prologue(FunctionProbePlan plan, VariableDefinition? start, Instruction userCodeStart)
    {
        var prologue = new InstructionBlock();
        if (plan.EntryProbe is { } entry && plan.ReturnProbe == entry + 1 && start is not null)
        {
            Instruction traced = Instruction.Create(OpCodes.Nop);
            _sites.IsEitherOfPairEnabled(prologue, entry);
            prologue.Add(OpCodes.Brtrue, traced)
                    .Add(OpCodes.Ldc_I8, 0L)
                    .Add(OpCodes.Stloc, start)
                    .Add(OpCodes.Br, userCodeStart)
                    .Add(traced)
                    .Add(EntrySite.Build(plan, entry, _sites, _words))
                    .Add(StartClock(entry + 1, start));
            return prologue;
        }
        if (plan.EntryProbe is { } entryOnly)
            prologue.Add(EntrySite.Build(plan, entryOnly, _sites, _words));
        if (plan.ReturnProbe is { } returnProbe && start is not null)
            prologue.Add(StartClock(returnProbe, start));
        return prologue;
    }

    /// <summary>
    /// <c>start = enabled ? Timestamp() : 0</c>, set explicitly since the method may skip
    /// zero-initialising its locals ([SkipLocalsInit]); 0 means "not measured".
    /// </summary>
    private InstructionBlock StartClock(int returnProbe, VariableDefinition start)
    {
        var block = new InstructionBlock();
        Instruction startClock = Instruction.Create(OpCodes.Call, _runtime.Timestamp);
        Instruction storeStart = Instruction.Create(OpCodes.Stloc, start);
        _sites.IsEnabled(block, returnProbe);
        return block.Add(OpCodes.Brtrue, startClock)
                    .Add(OpCodes.Ldc_I8, 0L)
                    .Add(OpCodes.Br, storeStart)
                    .Add(startClock)
                    .Add(storeStart);
    }

    /// <summary>Wraps the user's code for the return probe; returns the local holding the start time.</summary>
    private VariableDefinition WrapForReturn(FunctionProbePlan plan, int probe, Instruction userCodeStart)
    {
        MethodDefinition method = plan.Method;
        MethodBody body = method.Body;
        // An init accessor returns "void modreq(IsExternalInit)" (ECMA-335 II.7.1.1): still void.
        TypeReference returnType = ArgumentMapper.StripModifiers(method.ReturnType);
        bool isVoid = returnType.MetadataType == MetadataType.Void;

        // The exception local needs no initial store: the JIT zero-initialises every
        // object reference local, and the filter sets it before the fault block reads it.
        var start = new VariableDefinition(_module.TypeSystem.Int64);
        var exception = new VariableDefinition(_module.TypeSystem.Object);
        VariableDefinition? result = isVoid ? null : new VariableDefinition(returnType);
        body.Variables.Add(start);
        body.Variables.Add(exception);
        if (result is not null)
            body.Variables.Add(result);

        // The normal exit: fire with the result (or, for a returned task, when it completes),
        // then return it.
        InstructionBlock returnBlock = plan.ReturnedTask is { } task && result is not null
            ? _sites.Site(probe,
                block => block.Add(OpCodes.Ldloc, result).Add(OpCodes.Ldloc, start).Add(OpCodes.Ldc_I4, _words.StringLimit),
                _runtime.FireWhenDone(task.ResultType))
            : _sites.Site(probe, 3, block =>
            {
                if (result is null)
                    block.Add(OpCodes.Ldc_I8, 0L);
                else
                    _words.Emit(block, plan.ReturnValue, b => b.Add(OpCodes.Ldloc, result), slot: 0);
                EmitElapsed(block, start);
                block.Add(OpCodes.Ldc_I8, 0L);
            });
        if (result is not null)
            returnBlock.Add(OpCodes.Ldloc, result);
        returnBlock.Add(OpCodes.Ret);

        // Exceptional exit: a filter that records and declines, inside a fault that fires.
        var filter = new InstructionBlock()
            .Add(OpCodes.Stloc, exception)
            .Add(OpCodes.Ldc_I4_0)
            .Add(OpCodes.Endfilter);

        RedirectReturns(body, userCodeStart, result, returnBlock.First);
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
        var fault = _sites.Site(probe, 3, block =>
        {
            block.Add(OpCodes.Ldc_I8, 0L);
            EmitElapsed(block, start);
            _words.EmitExceptionName(block, exception);
        });
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
            TryStart = userCodeStart,
            TryEnd = filter.First,
            FilterStart = filter.First,
            HandlerStart = neverRuns.First,
            HandlerEnd = fault.First,
        });
        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Fault)
        {
            TryStart = userCodeStart,
            TryEnd = fault.First,
            HandlerStart = fault.First,
            HandlerEnd = returnBlock.First,
        });
        return start;
    }

    private void EmitElapsed(InstructionBlock block, VariableDefinition start) =>
        block.Add(OpCodes.Ldloc, start).Add(OpCodes.Call, _runtime.ElapsedNanoseconds);

    /// <summary>
    /// Turns each <c>ret</c> of the user's code into <c>stloc result; leave Return</c>, in
    /// place, so branches that targeted the <c>ret</c> now reach the store.
    /// </summary>
    private static void RedirectReturns(MethodBody body, Instruction userCodeStart, VariableDefinition? result, Instruction returnSite)
    {
        List<Instruction> returns = body.Instructions
            .SkipWhile(i => i != userCodeStart)
            .Where(i => i.OpCode == OpCodes.Ret)
            .ToList();
        foreach (Instruction ret in returns)
        {
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
            body.Instructions.Insert(body.Instructions.IndexOf(ret) + 1, Instruction.Create(OpCodes.Leave, returnSite));
        }
    }
}
