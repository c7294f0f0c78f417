using System;
using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Contract;
using Usdt.Fody.Arguments;
using Usdt.Fody.Configuration;
using Usdt.Fody.Emit;
using Usdt.Fody.Injection;
using Usdt.Fody.Naming;
using Usdt.Fody.Selection;

namespace Usdt.Fody;

/// <summary>
/// Turns the selected methods into <c>Type__Method__entry</c> / <c>__return</c> probes:
/// names them, maps their arguments, adds them to the probe table and injects the sites.
/// </summary>
internal sealed class FunctionBoundaryProbes
{
    private readonly ProbeTable _table;
    private readonly ProbeManifest _manifest;
    private readonly SyncMethodInjector _sync;
    private readonly AsyncMethodInjector _async;
    private readonly WeaverConfiguration _configuration;
    private readonly WeaverDiagnostics _diagnostics;

    public FunctionBoundaryProbes(ProbeTable table, ProbeManifest manifest, SyncMethodInjector sync, AsyncMethodInjector async,
        WeaverConfiguration configuration, WeaverDiagnostics diagnostics)
    {
        _table = table;
        _manifest = manifest;
        _sync = sync;
        _async = async;
        _configuration = configuration;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Names the probes of every method of <paramref name="selected"/> and adds them to the
    /// table and the manifest, in order; returns what <see cref="Inject"/> then weaves, one
    /// entry per method that got probes. No method body changes yet: once every probe is
    /// known, the probe libraries can be written while the sites are injected.
    /// </summary>
    public IReadOnlyList<PlannedMethod> Plan(IReadOnlyList<SelectedMethod> selected, string provider)
    {
        string[] stems = NameAll(selected);
        var planned = new List<PlannedMethod>(selected.Count);
        for (int i = 0; i < selected.Count; i++)
        {
            if (stems[i] is { } stem && Plan(selected[i], provider, stem) is { } method)
                planned.Add(method);
        }
        return planned;
    }

    /// <summary>Injects the sites of every planned method, in order.</summary>
    public void Inject(IReadOnlyList<PlannedMethod> planned)
    {
        foreach (PlannedMethod method in planned)
        {
            if (method.StateMachine is not null)
                _async.Inject(method.Probes, method.StateMachine);
            else
                _sync.Inject(method.Probes, method.UserCodeStart);
        }
    }

    /// <summary>A method whose probes are in the table, and where its sites go.</summary>
    internal sealed class PlannedMethod
    {
        public PlannedMethod(FunctionProbePlan probes, StateMachineParts? stateMachine, Instruction userCodeStart)
        {
            Probes = probes;
            StateMachine = stateMachine;
            UserCodeStart = userCodeStart;
        }

        public FunctionProbePlan Probes { get; }

        /// <summary>The async state machine the return probe goes into; null for a method woven in its own body.</summary>
        public StateMachineParts? StateMachine { get; }

        /// <summary>Where the method's own code begins (after a constructor's base call).</summary>
        public Instruction UserCodeStart { get; }
    }

    private string[] NameAll(IReadOnlyList<SelectedMethod> selected)
    {
        var allocator = new ProbeNameAllocator();
        var stems = new string[selected.Count];
        for (int i = 0; i < selected.Count; i++)
        {
            if (selected[i].ExplicitName is not { } name)
                continue;
            if (!ProbeIdentifier.IsValid(name, ProbeNameAllocator.MaxStemLength))
                _diagnostics.Error($"[Probe(Name = \"{name}\")] on {MethodSelector.Describe(selected[i].Method)} is not a probe name: use a C identifier of at most {ProbeNameAllocator.MaxStemLength} characters (\"{ProbeNameAllocator.ReturnSuffix}\" is appended).", selected[i].Method);
            else if (!allocator.TryReserve(name))
                _diagnostics.Error($"[Probe(Name = \"{name}\")] on {MethodSelector.Describe(selected[i].Method)}: another method already uses that probe name.", selected[i].Method);
            else
                stems[i] = name;
        }
        for (int i = 0; i < selected.Count; i++)
        {
            if (selected[i].ExplicitName is null)
                stems[i] = allocator.Allocate(MethodProbeStem.For(selected[i].Method));
        }
        return stems;
    }

    private PlannedMethod? Plan(SelectedMethod selected, string provider, string stem)
    {
        MethodDefinition method = selected.Method;
        int passed = Math.Min(method.Parameters.Count, ContractLimits.MaxArguments);
        var parameters = new List<ArgumentMapping>(passed);
        for (int i = 0; i < passed; i++)
        {
            ParameterDefinition parameter = method.Parameters[i];
            ArgumentMapping mapping = ArgumentMapper.Map(parameter.ParameterType);
            parameters.Add(parameter.IsOut && !parameter.IsIn ? mapping.AsAlwaysZero() : mapping);
        }
        if (method.Parameters.Count > ContractLimits.MaxArguments)
            _diagnostics.Warning($"{MethodSelector.Describe(method)} has {method.Parameters.Count} parameters; its entry probe passes the first {ContractLimits.MaxArguments}, the most tracers read.", method);

        Instruction? userCodeStart = method.IsConstructor ? ConstructorBody.UserCodeStart(method) : method.Body.Instructions[0];
        if (userCodeStart is null)
        {
            _diagnostics.Warning($"{MethodSelector.Describe(method)} is not probed: no call to a base or sibling constructor was found.", method);
            return null;
        }

        ReturnedTask? returnedTask = ReturnedTask.Of(method, selected.Shape);
        ArgumentMapping returnValue = ReturnValueOf(method, selected.Shape, returnedTask);
        bool wantReturn = _configuration.Return && selected.Shape != MethodShape.RuntimeAsync;
        StateMachineParts? stateMachine = null;
        if (selected.Shape == MethodShape.Async)
        {
            stateMachine = MethodShapes.StateMachineOf(method) is { } type ? AsyncMethodInjector.PartsOf(type) : null;
            if (stateMachine is null && wantReturn)
            {
                // Decided before any probe is added: only probes that fire are listed.
                _diagnostics.Warning($"{MethodSelector.Describe(method)}: its async state machine is not of a shape the weaver knows; only its entry probe is woven.", method);
                wantReturn = false;
            }
        }
        // Made once: the manifest entry, both probes' source and the generic pair use them.
        string signature = Signature(method);
        string typeName = method.DeclaringType.FullName.Replace('/', '.');
        string source = $"{typeName}.{method.Name}{signature}";
        // The return probe reports when the operation completes: async methods and returned tasks.
        bool reportsCompletion = selected.Shape is MethodShape.Async or MethodShape.RuntimeAsync || returnedTask is not null;
        var member = new ManifestMember(typeName, method.Name, signature);
        int? entry = _configuration.Entry ? AddEntryProbe(method, member, source, reportsCompletion, provider, stem, parameters) : null;
        int? exit = wantReturn ? AddReturnProbe(member, source, reportsCompletion, provider, stem, returnValue) : null;
        if (entry is null && exit is null)
            return null;

        MethodNames? generic = _table.MethodNames?.Add(typeName, method.Name, signature);
        return new PlannedMethod(new FunctionProbePlan(method, entry, exit, parameters, returnValue, returnedTask, generic), stateMachine, userCodeStart);
    }

    private int AddEntryProbe(MethodDefinition method, ManifestMember member, string source, bool isAsync, string provider, string stem,
        List<ArgumentMapping> parameters)
    {
        string name = stem + ProbeNameAllocator.EntrySuffix;
        var arguments = new List<ManifestArgument>(parameters.Count);
        var kinds = new List<ArgumentKind>(parameters.Count);
        for (int i = 0; i < parameters.Count; i++)
        {
            arguments.Add(ManifestArguments.Parameter(method.Parameters[i], parameters[i]));
            kinds.Add(parameters[i].Kind);
        }
        _manifest.Add(new ManifestProbe(provider, name, ManifestProbeKind.Entry, member, source, isAsync, arguments));
        return _table.Add(provider, name, kinds);
    }

    private int AddReturnProbe(ManifestMember member, string source, bool isAsync, string provider, string stem, ArgumentMapping returnValue)
    {
        string name = stem + ProbeNameAllocator.ReturnSuffix;
        _manifest.Add(new ManifestProbe(provider, name, ManifestProbeKind.Return, member, source, isAsync, ManifestArguments.Return(returnValue)));
        return _table.Add(provider, name, [returnValue.Kind, ArgumentKind.Int64, ArgumentKind.Utf8String]);
    }


    /// <summary>The parameter types, as the manifest and the generic pair's signature argument show them: <c>(Int32, String)</c>.</summary>
    private static string Signature(MethodDefinition method) => ManifestArguments.Signature(method);

    /// <summary>What <c>arg0</c> of the return probe carries: the return value, or for async methods the task's result.</summary>
    private static ArgumentMapping ReturnValueOf(MethodDefinition method, MethodShape shape, ReturnedTask? returnedTask)
    {
        // A returned task reports its result when it completes, as an async method does.
        if (returnedTask is not null)
            return ArgumentMapper.Map(returnedTask.ResultType ?? method.Module.TypeSystem.Void);
        TypeReference type = method.ReturnType;
        if (shape is MethodShape.Async or MethodShape.RuntimeAsync)
        {
            return type is GenericInstanceType { GenericArguments.Count: 1 } task
                ? ArgumentMapper.Map(task.GenericArguments[0])
                : ArgumentMapper.Map(method.Module.TypeSystem.Void);
        }
        return ArgumentMapper.Map(type);
    }
}
