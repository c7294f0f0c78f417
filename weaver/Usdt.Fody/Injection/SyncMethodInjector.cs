using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>
/// Weaves a method's entry and return probes (and the generic pair's sites) so that a method
/// nobody traces runs its own code with one check in front of it, and nothing around it:
/// <code>
///   if (any of the method's semaphores != 0) return &lt;Method&gt;usdt_traced(this, arguments...);
///   original code, untouched
/// </code>
/// The sibling <see cref="TracedMethod"/> holds the instrumented copy: [entry site]
/// [generic entry]; start = returnEnabled ? Timestamp() : 0; a copy of the original code,
/// wrapped by <see cref="ReturnProbeRegion"/>. Out of line, the method grows by the check and
/// the call only: the JIT weighs a callee's every IL byte when it decides to inline it, and a
/// copy in the method's own body (twice its size, with exception clauses) turned hot callees
/// down as unprofitable. Methods <see cref="TracedMethodRule"/> keeps in line get the copy
/// appended to their own body instead, behind the same check:
/// <code>
///   if (any of the method's semaphores != 0) goto Traced;
///   original code, untouched
/// Traced:
///   [entry site] [generic entry]; start = ...; the copy, wrapped
/// </code>
/// Either way the exception clause that a return probe needs for the exits by exception
/// covers only the copy, so the untraced path keeps its frame, its registers and its loops
/// out of any clause the weaver added. The copy carries the original's sequence points: the
/// same lines in stack traces whichever path ran (traced, out of line, under one more frame,
/// the sibling's). Code that cannot be copied (a branch or clause reaching before the copied
/// part, in hand-written IL) is wrapped in place instead, behind the same check. A method
/// without a return site gets only the entry sites behind the check.
/// </summary>
internal sealed class SyncMethodInjector
{
    private readonly ProbeSiteEmitter _sites;
    private readonly WordEmitter _words;
    private readonly ReturnProbeRegion _returns;
    private readonly MethodNameTable? _names;

    public SyncMethodInjector(ProbeSiteEmitter sites, WordEmitter words, RuntimeReferences runtime, ModuleDefinition module, MethodNameTable? names)
    {
        _sites = sites;
        _words = words;
        _names = names;
        _returns = new ReturnProbeRegion(sites, words, runtime, module, names);
    }

    /// <summary>Injects the plan's probes; <paramref name="userCodeStart"/> is where the method's own code begins.</summary>
    public void Inject(FunctionProbePlan plan, Instruction userCodeStart)
    {
        MethodDefinition method = plan.Method;
        MethodBody body = method.Body;
        bool movesOut = plan.HasReturnSite && TracedMethodRule.MovesOut(method);
        // Grown once, to about the woven body's size.
        CollectionRoom.Reserve(body.Instructions, movesOut ? body.Instructions.Count + ForwardRoom(method) : InLineRoom(body, plan));
        // A method whose copy moves out gets the check before its first instruction and the
        // call after its last: the distances inside its own code stay, and so do its short
        // branches (widened, each would only be shortened again).
        if (!movesOut)
            ShortForms.Widen(body);

        var check = new InstructionBlock();
        ProbeGate.Emit(check, plan, _sites, _names);
        Instruction traced = Instruction.Create(OpCodes.Nop);
        if (!plan.HasReturnSite)
        {
            // Entry sites only: nothing to wrap.
            check.Add(OpCodes.Brfalse, userCodeStart).Add(EntrySites(plan));
            Insert(method, check, userCodeStart);
        }
        else if (movesOut)
        {
            Instruction call = CallTracedMethod(plan);
            check.Add(OpCodes.Brtrue, call);
            Insert(method, check, userCodeStart);
        }
        else if (BodyCopy.TryAppend(method, userCodeStart, traced) is { } copyStart)
        {
            VariableDefinition clock = _returns.DeclareClock(body);
            _returns.Wrap(plan, copyStart, clock);
            EntrySites(plan).Add(_returns.StartClock(plan, clock)).InsertBefore(body, copyStart);
            InjectedSequencePoints.Hide(method, traced);
            check.Add(OpCodes.Brtrue, traced);
            Insert(method, check, userCodeStart);
        }
        else
        {
            VariableDefinition clock = _returns.DeclareClock(body);
            _returns.Wrap(plan, userCodeStart, clock);
            check.Add(OpCodes.Brtrue, traced)
                 .Add(OpCodes.Ldc_I8, 0L).Add(OpCodes.Stloc, clock).Add(OpCodes.Br, userCodeStart)
                 .Add(traced)
                 .Add(EntrySites(plan))
                 .Add(_returns.StartClock(plan, clock));
            Insert(method, check, userCodeStart);
        }
        ShortForms.Shorten(body);
        InjectedSequencePoints.SortSequencePoints(method);
    }

    /// <summary>
    /// Moves the traced copy into a sibling method (<see cref="TracedMethod"/>), instruments
    /// it there, and appends to the method <c>return Sibling(this, arguments...)</c>; returns
    /// that call's first instruction, where the check branches to. The method itself gets no
    /// exception clause and no locals.
    /// </summary>
    private Instruction CallTracedMethod(FunctionProbePlan plan)
    {
        MethodDefinition method = plan.Method;
        (MethodDefinition sibling, MethodReference reference) = TracedMethod.Declare(method, SiteRoom(plan));
        var siblingPlan = new FunctionProbePlan(sibling, plan.EntryProbe, plan.ReturnProbe, plan.Parameters, plan.ReturnValue, plan.ReturnedTask, plan.Generic);
        MethodBody body = sibling.Body;
        // The prologue first, then the copy after it: put in front of a copy, each of its
        // instructions moved all of the copy's.
        VariableDefinition clock = _returns.DeclareClock(body);
        InstructionBlock prologue = EntrySites(siblingPlan).Add(_returns.StartClock(siblingPlan, clock));
        prologue.AppendTo(body);
        Instruction start = TracedMethod.CopyCode(method, sibling);
        ShortForms.Widen(body);
        _returns.Wrap(siblingPlan, start, clock);
        InjectedSequencePoints.Hide(sibling, prologue.First);
        ShortForms.Shorten(body);
        InjectedSequencePoints.SortSequencePoints(sibling);

        var forward = new InstructionBlock();
        if (method.HasThis)
            forward.Add(OpCodes.Ldarg_0);
        foreach (ParameterDefinition parameter in method.Parameters)
            forward.Add(OpCodes.Ldarg, parameter);
        forward.Add(OpCodes.Call, reference).Add(OpCodes.Ret);
        // Cecil marks "to the end of the body" with a null end; the call goes after the end.
        foreach (ExceptionHandler handler in method.Body.ExceptionHandlers)
        {
            handler.TryEnd ??= forward.First;
            handler.HandlerEnd ??= forward.First;
        }
        forward.AppendTo(method.Body);
        InjectedSequencePoints.Hide(method, forward.First);
        return forward.First;
    }

    /// <summary>What a method whose copy moves out gains: the check (at most 10, with the generic pair's) and the forwarding call.</summary>
    private static int ForwardRoom(MethodDefinition method) => 10 + 3 + method.Parameters.Count;

    /// <summary>
    /// About how many instructions the sites add to a traced sibling (measured on generated
    /// service methods: 52, 8 per parameter, 24 for the generic pair), so that its list is
    /// allocated once at about its final size.
    /// </summary>
    private static int SiteRoom(FunctionProbePlan plan) =>
        52 + 8 * plan.Parameters.Count + (plan.Generic is null ? 0 : 24);

    /// <summary>
    /// About what the body of a method that keeps its copy in line holds once woven: the code
    /// twice, plus the sites (measured on generated service methods: about 64 instructions,
    /// 12 per parameter and 16 for the generic pair's).
    /// </summary>
    private static int InLineRoom(MethodBody body, FunctionProbePlan plan) =>
        2 * body.Instructions.Count + 64 + 12 * plan.Parameters.Count + (plan.Generic is null ? 0 : 16);

    /// <summary>The entry probe's site and the generic pair's <c>method__entry</c>, each behind its own semaphore.</summary>
    private InstructionBlock EntrySites(FunctionProbePlan plan)
    {
        var block = new InstructionBlock();
        if (plan.EntryProbe is { } entry)
            block.Add(EntrySite.Build(plan, entry, _sites, _words));
        if (plan.Generic is { } names && _names is not null)
            block.Add(_names.Site(names, isReturn: false));
        return block;
    }

    /// <summary>
    /// Puts the prologue before the user's code, with the user's first line: optimised code
    /// maps a fault in the first statement to the method's first IL offsets.
    /// </summary>
    private static void Insert(MethodDefinition method, InstructionBlock prologue, Instruction userCodeStart)
    {
        InjectedSequencePoints.ShareFirstLine(method, prologue.First, userCodeStart);
        prologue.InsertBefore(method.Body, userCodeStart);
    }
}
