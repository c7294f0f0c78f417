using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Configuration;

namespace Usdt.Fody.Selection;

/// <summary>
/// Decides which methods get function-boundary probes. The nearest scope that says
/// anything wins: method &gt; property &gt; type (innermost first) &gt; module &gt; assembly &gt;
/// FodyWeavers.xml, where an <c>&lt;Exclude&gt;</c> beats an <c>&lt;Include&gt;</c>.
/// Constructors and accessors selected by a scope wider than themselves also obey the
/// <c>Constructors</c> and <c>Properties</c> switches. Methods that cannot be probed are
/// skipped, or reported when the user asked for them by name. Methods the JIT is meant to
/// inline are left unprobed by wide selection (<see cref="InliningRule"/>).
/// </summary>
internal sealed class MethodSelector
{
    private readonly WeaverConfiguration _configuration;
    private readonly WeaverDiagnostics _diagnostics;
    private readonly Verdict _module;
    private readonly Verdict _assembly;
    private readonly List<SkippedMethod> _skipped = [];
    // The type whose methods are being considered (EnterType).
    private Verdict _typeVerdict;
    private string _namespace = "";
    private string _fullTypeName = "";

    private MethodSelector(ModuleDefinition module, WeaverConfiguration configuration, WeaverDiagnostics diagnostics)
    {
        _configuration = configuration;
        _diagnostics = diagnostics;
        _module = ProbeAttributes.VerdictOf(module);
        _assembly = ProbeAttributes.VerdictOf(module.Assembly);
    }

    /// <summary>The selected methods of <paramref name="types"/>, in metadata order; <paramref name="skipped"/> those a wide scope selected but the inlining rule left out.</summary>
    public static List<SelectedMethod> Select(IEnumerable<TypeDefinition> types, ModuleDefinition module,
        WeaverConfiguration configuration, WeaverDiagnostics diagnostics, out IReadOnlyList<SkippedMethod> skipped)
    {
        var selector = new MethodSelector(module, configuration, diagnostics);
        var selected = new List<SelectedMethod>();
        foreach (TypeDefinition type in types)
        {
            Dictionary<MethodDefinition, PropertyDefinition> accessors = AccessorsOf(type);
            selector.EnterType(type);
            foreach (MethodDefinition method in type.Methods)
            {
                // Looked up only where there is something to find: the first hash of an object
                // is costly (the runtime writes it into the object's header).
                PropertyDefinition? property = null;
                if (accessors.Count > 0)
                    accessors.TryGetValue(method, out property);
                if (selector.Consider(method, property) is { } choice)
                    selected.Add(choice);
            }
        }
        skipped = selector._skipped;
        return selected;
    }

    private SelectedMethod? Consider(MethodDefinition method, PropertyDefinition? property)
    {
        Verdict own = ProbeAttributes.VerdictOf(method);
        Verdict ofProperty = property is null ? Verdict.Unspecified : ProbeAttributes.VerdictOf(property);
        bool named = own == Verdict.Probe;                       // asked for by name
        bool explicitly = named || (own == Verdict.Unspecified && ofProperty == Verdict.Probe);

        Verdict verdict = own != Verdict.Unspecified ? own
            : ofProperty != Verdict.Unspecified ? ofProperty
            : WiderVerdict(method);
        if (verdict != Verdict.Probe)
            return null;
        if (!explicitly && !_configuration.Constructors && method.IsConstructor)
            return null;
        if (!explicitly && !_configuration.Properties && property is not null)
            return null;

        if (!method.HasBody)
        {
            if (explicitly)
                _diagnostics.Error($"[Probe] cannot apply to {Describe(method)}: it is {WhyNoBody(method)} and has no body to probe.", method);
            return null;
        }
        if (MethodShapes.IsCompilerGenerated(method) && !named)
            return null;
        if (HasJmp(method.Body))
        {
            _diagnostics.Warning($"{Describe(method)} is not probed: it leaves through a 'jmp' instruction, which no return probe can follow.", method);
            return null;
        }

        if (!explicitly && InliningRule.Skips(method, _configuration.MinMethodBytes) is { } inlined)
        {
            _skipped.Add(new SkippedMethod(method, inlined));
            return null;
        }

        MethodShape shape = MethodShapes.Of(method);
        if (shape == MethodShape.Iterator && explicitly)
            _diagnostics.Warning($"[Probe] on iterator {Describe(method)}: only the call that creates the iterator is probed; its items are produced later, outside that call.", method);
        if (shape == MethodShape.RuntimeAsync)
            _diagnostics.Info($"{Describe(method)} is compiled as runtime-async (no state machine): it gets its entry probe; its return probe is not woven because the runtime, not IL, suspends and resumes it.");

        string? name = ProbeAttributes.ExplicitName(method);
        if (name is null && property is not null && ProbeAttributes.ExplicitName(property) is { } propertyName)
            _diagnostics.Warning($"[Probe(Name = \"{propertyName}\")] on property {property.Name} is ignored: a name applies to one method; put it on the accessor.", method);
        return new SelectedMethod(method, name, shape);
    }

    /// <summary>
    /// Works out once what the type of the next methods contributes to their verdicts: the
    /// nearest [Probe] or [NoProbe] on it or a type enclosing it, and the names that
    /// configuration rules match.
    /// </summary>
    private void EnterType(TypeDefinition type)
    {
        _typeVerdict = Verdict.Unspecified;
        for (TypeDefinition? scope = type; scope is not null && _typeVerdict == Verdict.Unspecified; scope = scope.DeclaringType)
            _typeVerdict = ProbeAttributes.VerdictOf(scope);
        TypeDefinition outermost = type;
        while (outermost.DeclaringType is not null)
            outermost = outermost.DeclaringType;
        _namespace = outermost.Namespace;
        _fullTypeName = type.FullName.Replace('/', '.');
    }

    private Verdict WiderVerdict(MethodDefinition method)
    {
        if (_typeVerdict != Verdict.Unspecified)
            return _typeVerdict;
        if (_module != Verdict.Unspecified)
            return _module;
        if (_assembly != Verdict.Unspecified)
            return _assembly;
        return ConfiguredVerdict(method);
    }

    private Verdict ConfiguredVerdict(MethodDefinition method)
    {
        if (AnyMatches(_configuration.Excludes, _namespace, _fullTypeName, method.Name))
            return Verdict.NoProbe;
        if (AnyMatches(_configuration.Includes, _namespace, _fullTypeName, method.Name))
            return Verdict.Probe;
        return Verdict.Unspecified;
    }

    // A loop, not LINQ: asked for every method of the module.
    private static bool AnyMatches(IReadOnlyList<SelectionRule> rules, string @namespace, string fullTypeName, string methodName)
    {
        for (int i = 0; i < rules.Count; i++)
        {
            if (rules[i].Matches(@namespace, fullTypeName, methodName))
                return true;
        }
        return false;
    }

    private static bool HasJmp(MethodBody body)
    {
        Mono.Collections.Generic.Collection<Instruction> instructions = body.Instructions;
        for (int i = 0; i < instructions.Count; i++)
        {
            if (instructions[i].OpCode == OpCodes.Jmp)
                return true;
        }
        return false;
    }

    private static Dictionary<MethodDefinition, PropertyDefinition> AccessorsOf(TypeDefinition type)
    {
        var accessors = new Dictionary<MethodDefinition, PropertyDefinition>();
        foreach (PropertyDefinition property in type.Properties)
        {
            if (property.GetMethod is { } getter)
                accessors[getter] = property;
            if (property.SetMethod is { } setter)
                accessors[setter] = property;
        }
        return accessors;
    }

    private static string WhyNoBody(MethodDefinition method) =>
        method.IsAbstract ? "abstract" : method.IsPInvokeImpl ? "extern (P/Invoke)" : method.IsInternalCall || method.IsRuntime ? "implemented by the runtime" : "extern";

    public static string Describe(MethodDefinition method) => $"{method.DeclaringType.FullName.Replace('/', '.')}.{method.Name}";
}
