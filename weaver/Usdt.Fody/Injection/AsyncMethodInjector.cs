using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Arguments;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>
/// Probes an <c>async</c> method. The entry probe goes in the kickoff method (the method the
/// user wrote, which only starts the state machine), where every argument is still at
/// hand. The return probe goes in the state machine's <c>MoveNext</c>, just before the
/// builder completes the task: <c>SetResult(result)</c> reports the result,
/// <c>SetException(e)</c> the exception's type (cancellation arrives as an
/// OperationCanceledException). Elapsed time runs from the first <c>MoveNext</c>, which the
/// kickoff runs synchronously, so it covers every await and thread hop in between.
/// </summary>
internal sealed class AsyncMethodInjector
{
    private const string StartField = "<usdt>start";

    private readonly ProbeSiteEmitter _sites;
    private readonly WordEmitter _words;
    private readonly RuntimeReferences _runtime;
    private readonly ModuleDefinition _module;
    private readonly SyncMethodInjector _kickoff;

    public AsyncMethodInjector(ProbeSiteEmitter sites, WordEmitter words, RuntimeReferences runtime, ModuleDefinition module, SyncMethodInjector kickoff)
    {
        _sites = sites;
        _words = words;
        _runtime = runtime;
        _module = module;
        _kickoff = kickoff;
    }

    /// <summary>
    /// The parts of <paramref name="stateMachine"/> the return probe needs: its
    /// <c>MoveNext</c>, state and builder fields, and the builder's completion calls; null
    /// when it is not of the shape the C# compiler makes (then only the entry probe is woven).
    /// </summary>
    public static StateMachineParts? PartsOf(TypeDefinition stateMachine)
    {
        MethodDefinition? moveNext = stateMachine.Methods.FirstOrDefault(m => m.Name == "MoveNext" && m.HasBody);
        FieldDefinition? state = stateMachine.Fields.FirstOrDefault(f => f.Name == "<>1__state");
        FieldDefinition? builder = stateMachine.Fields.FirstOrDefault(f => f.Name == "<>t__builder");
        if (moveNext is null || state is null || builder is null)
            return null;
        List<Instruction> completions = moveNext.Body.Instructions.Where(i => IsBuilderCall(i, builder, "SetResult") || IsBuilderCall(i, builder, "SetException")).ToList();
        return completions.Count == 0 ? null : new StateMachineParts(stateMachine, moveNext, state, builder, completions);
    }

    /// <summary>Injects the plan: the entry probe in the kickoff method, the return probe in <c>MoveNext</c>.</summary>
    public void Inject(FunctionProbePlan plan, StateMachineParts parts)
    {
        // The kickoff method (the one the user wrote) gets the entry probe; with the generic
        // pair, also method__return as it returns the task: the synchronous part, on the
        // thread that made the call, which is what per-thread call-flow tools need.
        FunctionProbePlan kickoff = plan.WithoutReturnProbe();
        if (kickoff.EntryProbe is not null || kickoff.Generic is not null)
            _kickoff.Inject(kickoff, plan.Method.Body.Instructions[0]);
        if (plan.ReturnProbe is { } probe)
            InjectReturn(parts.MoveNext, parts.Type, parts.State, parts.Builder, parts.Completions, probe);
    }

    private void InjectReturn(MethodDefinition moveNext, TypeDefinition stateMachine, FieldDefinition stateField,
        FieldDefinition builderField, List<Instruction> completions, int probe)
    {
        MethodBody body = moveNext.Body;
        ShortForms.Widen(body);

        var startDefinition = new FieldDefinition(StartField, FieldAttributes.Private, _module.TypeSystem.Int64);
        stateMachine.Fields.Add(startDefinition);
        FieldReference start = SelfReference(startDefinition, stateMachine);
        FieldReference state = SelfReference(stateField, stateMachine);

        // First MoveNext (state still -1, as the kickoff left it): start the clock, or
        // record 0 ("not measured") when nobody traces the return probe.
        var prologue = new InstructionBlock();
        Instruction done = Instruction.Create(OpCodes.Nop);
        Instruction startClock = Instruction.Create(OpCodes.Call, _runtime.Timestamp);
        Instruction store = Instruction.Create(OpCodes.Stfld, start);
        prologue.Add(OpCodes.Ldarg_0).Add(OpCodes.Ldfld, state).Add(OpCodes.Ldc_I4_M1).Add(OpCodes.Bne_Un, done)
                .Add(OpCodes.Ldarg_0);
        _sites.IsEnabled(prologue, probe);
        prologue.Add(OpCodes.Brtrue, startClock)
                .Add(OpCodes.Ldc_I8, 0L)
                .Add(OpCodes.Br, store)
                .Add(startClock)
                .Add(store)
                .Add(done);
        prologue.InsertBefore(body, body.Instructions[0]);
        InjectedSequencePoints.Hide(moveNext, prologue.First);

        TypeReference? resultType = builderField.FieldType is GenericInstanceType { GenericArguments.Count: 1 } generic
            ? generic.GenericArguments[0] : null;
        foreach (Instruction completion in completions)
        {
            bool faulted = ((MethodReference)completion.Operand).Name == "SetException";
            InstructionBlock site = faulted
                ? Completion(probe, start, new VariableDefinition(((MethodReference)completion.Operand).Parameters[0].ParameterType), body, faulted: true, null)
                : Completion(probe, start, resultType is null ? null : new VariableDefinition(resultType), body, faulted: false, resultType);
            site.InsertBefore(body, completion);
            InjectedSequencePoints.Hide(moveNext, site.First);
        }

        ShortForms.Shorten(body);
        InjectedSequencePoints.SortSequencePoints(moveNext);
    }

    /// <summary>
    /// Code before <c>builder.SetResult(value)</c> / <c>builder.SetException(e)</c>: the value
    /// on the stack is parked in <paramref name="value"/>, the probe fires, the value goes back.
    /// </summary>
    private InstructionBlock Completion(int probe, FieldReference start, VariableDefinition? value, MethodBody body, bool faulted, TypeReference? resultType)
    {
        var block = new InstructionBlock();
        if (value is not null)
        {
            body.Variables.Add(value);
            block.Add(OpCodes.Stloc, value);
        }
        block.Add(_sites.Site(probe, 3, words =>
        {
            if (faulted || value is null || resultType is null)
                words.Add(OpCodes.Ldc_I8, 0L);
            else
                _words.Emit(words, ArgumentMapper.Map(resultType), b => b.Add(OpCodes.Ldloc, value), slot: 0);
            words.Add(OpCodes.Ldarg_0).Add(OpCodes.Ldfld, start).Add(OpCodes.Call, _runtime.ElapsedNanoseconds);
            if (faulted)
                _words.EmitExceptionName(words, value!);
            else
                words.Add(OpCodes.Ldc_I8, 0L);
        }));
        if (value is not null)
            block.Add(OpCodes.Ldloc, value);
        return block;
    }

    private static bool IsBuilderCall(Instruction instruction, FieldDefinition builder, string name) =>
        (instruction.OpCode == OpCodes.Call || instruction.OpCode == OpCodes.Callvirt) &&
        instruction.Operand is MethodReference { Name: var called } method && called == name &&
        method.DeclaringType.GetElementType().FullName == builder.FieldType.GetElementType().FullName;

    /// <summary>
    /// A reference to a field of <paramref name="type"/> as its own methods must write it:
    /// through the type instantiated over its own generic parameters (ECMA-335 II.9.4).
    /// </summary>
    private static FieldReference SelfReference(FieldDefinition field, TypeDefinition type) =>
        type.HasGenericParameters ? new FieldReference(field.Name, field.FieldType, SelfInstance.Of(type)) : field;
}

/// <summary>What an async method's state machine is made of, as far as its return probe goes.</summary>
internal sealed class StateMachineParts
{
    public StateMachineParts(TypeDefinition type, MethodDefinition moveNext, FieldDefinition state, FieldDefinition builder, List<Instruction> completions)
    {
        Type = type;
        MoveNext = moveNext;
        State = state;
        Builder = builder;
        Completions = completions;
    }

    public TypeDefinition Type { get; }
    public MethodDefinition MoveNext { get; }
    public FieldDefinition State { get; }
    public FieldDefinition Builder { get; }

    /// <summary>The builder's <c>SetResult</c> and <c>SetException</c> calls, where the operation completes.</summary>
    public List<Instruction> Completions { get; }
}
