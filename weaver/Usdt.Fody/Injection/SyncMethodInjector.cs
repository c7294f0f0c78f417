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
        body.SimplifyMacros();

        var prologue = new InstructionBlock();
        if (plan.EntryProbe is { } entry)
            prologue.Add(EntrySite.Build(plan, entry, _sites, _words));

        if (plan.ReturnProbe is { } returnProbe)
            WrapForReturn(plan, returnProbe, userCodeStart, prologue);

        if (prologue.Instructions.Count > 0)
        {
            InjectedSequencePoints.ShareFirstLine(method, prologue.First, userCodeStart);
            prologue.InsertBefore(body, userCodeStart);
        }
        body.OptimizeMacros();
        InjectedSequencePoints.SortSequencePoints(method);
    }

    private void WrapForReturn(FunctionProbePlan plan, int probe, Instruction userCodeStart, InstructionBlock prologue)
    {
        MethodDefinition method = plan.Method;
        MethodBody body = method.Body;
        // An init accessor returns "void modreq(IsExternalInit)" (ECMA-335 II.7.1.1): still void.
        TypeReference returnType = ArgumentMapper.StripModifiers(method.ReturnType);
        bool isVoid = returnType.MetadataType == MetadataType.Void;

        var start = new VariableDefinition(_module.TypeSystem.Int64);
        var exception = new VariableDefinition(_module.TypeSystem.Object);
        VariableDefinition? result = isVoid ? null : new VariableDefinition(returnType);
        body.Variables.Add(start);
        body.Variables.Add(exception);
        if (result is not null)
            body.Variables.Add(result);

        // start = enabled ? Timestamp() : 0; exception = null. Set explicitly: the method
        // may skip zero-initialising its locals ([SkipLocalsInit]).
        Instruction startClock = Instruction.Create(OpCodes.Call, _runtime.Timestamp);
        Instruction storeStart = Instruction.Create(OpCodes.Stloc, start);
        _sites.IsEnabled(prologue, probe);
        prologue.Add(OpCodes.Brtrue, startClock)
                .Add(OpCodes.Ldc_I8, 0L)
                .Add(OpCodes.Br, storeStart)
                .Add(startClock)
                .Add(storeStart)
                .Add(OpCodes.Ldnull)
                .Add(OpCodes.Stloc, exception);

        // The normal exit: fire with the result, then return it.
        var returnBlock = _sites.Site(probe, 3, block =>
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

        var neverRuns = new InstructionBlock()   // the filter's handler: unreachable, must still be valid
            .Add(OpCodes.Pop)
            .Add(OpCodes.Rethrow);
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
