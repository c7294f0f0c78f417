using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Contract;
using Usdt.Fody.Arguments;
using Usdt.Fody.Emit;
using Usdt.Fody.Injection;
using Usdt.Fody.Selection;

namespace Usdt.Fody;

/// <summary>
/// Hand-placed static probes: a static class marked <c>[ProbeProvider("name")]</c> whose
/// empty <c>static void</c> methods are probes of that provider, named as the method
/// (<c>shop:OrderPlaced</c>, no suffix). Each body becomes one probe site, so a call costs
/// a semaphore read while nobody traces. A <c>static bool Is&lt;Probe&gt;Enabled =&gt; false</c>
/// property becomes that probe's enabled check (one semaphore read), for skipping costly
/// arguments.
/// </summary>
internal sealed class StaticProbeClasses
{
    private const string EnabledPrefix = "Is";
    private const string EnabledSuffix = "Enabled";

    private readonly ProbeTable _table;
    private readonly ProbeManifest _manifest;
    private readonly ProbeSiteEmitter _sites;
    private readonly WordEmitter _words;
    private readonly WeaverDiagnostics _diagnostics;

    public StaticProbeClasses(ProbeTable table, ProbeManifest manifest, ProbeSiteEmitter sites, WordEmitter words, WeaverDiagnostics diagnostics)
    {
        _table = table;
        _manifest = manifest;
        _sites = sites;
        _words = words;
        _diagnostics = diagnostics;
    }

    public static bool IsStaticProbeClass(TypeDefinition type) => ProbeAttributes.ProviderName(type) is not null;

    /// <summary>Weaves every probe of <paramref name="classes"/>; returns how many probes were made.</summary>
    public int Weave(IEnumerable<TypeDefinition> classes)
    {
        int probes = 0;
        foreach (TypeDefinition type in classes)
            probes += WeaveClass(type);
        return probes;
    }

    private int WeaveClass(TypeDefinition type)
    {
        string provider = ProbeAttributes.ProviderName(type)!;
        string where = type.FullName.Replace('/', '.');
        MethodDefinition? anyMethod = type.Methods.FirstOrDefault(m => m.HasBody);
        if (!ProbeIdentifier.IsValid(provider, ContractLimits.MaxProviderNameLength))
        {
            _diagnostics.Error($"[ProbeProvider(\"{provider}\")] on {where} is not a provider name: use a C identifier of at most {ContractLimits.MaxProviderNameLength} characters.", anyMethod);
            return 0;
        }
        if (!(type.IsAbstract && type.IsSealed))
        {
            _diagnostics.Error($"{where} declares static probes ([ProbeProvider]) and must be a static class.", anyMethod);
            return 0;
        }

        Dictionary<string, PropertyDefinition> enabledChecks = type.Properties
            .Where(p => p.Name.StartsWith(EnabledPrefix, System.StringComparison.Ordinal) && p.Name.EndsWith(EnabledSuffix, System.StringComparison.Ordinal))
            .ToDictionary(p => p.Name.Substring(EnabledPrefix.Length, p.Name.Length - EnabledPrefix.Length - EnabledSuffix.Length));
        var accessors = new HashSet<MethodDefinition>(type.Properties.SelectMany(p => new[] { p.GetMethod, p.SetMethod }).Where(m => m is not null)!);

        var probes = new Dictionary<string, int>();
        foreach (MethodDefinition method in type.Methods)
        {
            if (method.IsConstructor && method.IsStatic || accessors.Contains(method) || MethodShapes.IsCompilerGenerated(method))
                continue;
            // Checked before the body is rewritten: rewriting drops the method's sequence
            // points, which the error needs for its file and line.
            if (probes.ContainsKey(method.Name))
                _diagnostics.Error($"Static probe {Describe(method)} is overloaded: probe names must be unique in provider '{provider}'; rename one overload.", method);
            else if (ProbeFor(method, provider) is { } probe)
                probes.Add(method.Name, probe);
        }

        foreach (KeyValuePair<string, PropertyDefinition> check in enabledChecks)
        {
            if (!probes.TryGetValue(check.Key, out int probe))
                _diagnostics.Error($"{where}.{check.Value.Name} looks like an enabled check, but {where} has no static probe named '{check.Key}'.", check.Value.GetMethod);
            else
                WeaveEnabledCheck(check.Value, probe);
        }
        foreach (PropertyDefinition property in type.Properties.Where(p => !enabledChecks.ContainsValue(p)))
            _diagnostics.Error($"{where}.{property.Name}: a static probe class holds only probes (empty static void methods) and Is<Probe>Enabled properties.", property.GetMethod ?? property.SetMethod);
        return probes.Count;
    }

    private int? ProbeFor(MethodDefinition method, string provider)
    {
        string problem =
            !method.IsStatic ? "is not static" :
            method.ReturnType.MetadataType != MetadataType.Void ? "does not return void" :
            method.HasGenericParameters ? "is generic" :
            !method.HasBody || method.Body.Instructions.Any(i => i.OpCode != OpCodes.Nop && i.OpCode != OpCodes.Ret) ? "has a body (a static probe's body must be empty: the weaver writes it)" :
            !ProbeIdentifier.IsValid(method.Name, ContractLimits.MaxProbeNameLength) ? $"is not a probe name (a C identifier of at most {ContractLimits.MaxProbeNameLength} characters)" :
            method.Parameters.Count > ContractLimits.MaxArguments ? $"has {method.Parameters.Count} parameters; a probe carries at most {ContractLimits.MaxArguments}" :
            "";
        List<ArgumentMapping> mappings = method.Parameters.Select(p => ArgumentMapper.Map(p.ParameterType)).ToList();
        if (problem.Length == 0 && method.Parameters.FirstOrDefault(p => p.IsOut || p.ParameterType.IsByReference) is { } byReference)
            problem = $"passes '{byReference.Name}' by reference; static probe arguments are values";
        if (problem.Length == 0 && mappings.FindIndex(m => !m.IsSupported) is var bad and >= 0)
            problem = $"has parameter '{method.Parameters[bad].Name}' of type {method.Parameters[bad].ParameterType.FullName}, which no probe argument can carry ({mappings[bad].Description})";
        if (problem.Length > 0)
        {
            _diagnostics.Error($"Static probe {Describe(method)} {problem}.", method);
            return null;
        }

        int probe = _table.Add(provider, method.Name, mappings.Select(m => m.Kind).ToList());
        _manifest.Add(new ManifestProbe(provider, method.Name, ManifestProbeKind.Static,
            new ManifestMember(method.DeclaringType.FullName.Replace('/', '.'), method.Name, ManifestArguments.Signature(method)),
            $"static probe {Describe(method)}", isAsync: false,
            mappings.Select((mapping, i) => ManifestArguments.Parameter(method.Parameters[i], mapping)).ToList()));
        MethodBody body = method.Body;
        body.Instructions.Clear();
        body.ExceptionHandlers.Clear();
        body.Variables.Clear();
        method.DebugInformation.SequencePoints.Clear();
        InstructionBlock site = _sites.Site(probe, mappings.Count, block =>
        {
            for (int i = 0; i < mappings.Count; i++)
            {
                ParameterDefinition parameter = method.Parameters[i];
                _words.Emit(block, mappings[i], b => b.Add(OpCodes.Ldarg, parameter), slot: i);
            }
        });
        site.Add(OpCodes.Ret).AppendTo(body);
        ShortForms.Shorten(method.Body);
        return probe;
    }

    private void WeaveEnabledCheck(PropertyDefinition property, int probe)
    {
        MethodDefinition? getter = property.GetMethod;
        bool constantFalse = getter is { IsStatic: true, HasBody: true } &&
            getter.Body.Instructions.Where(i => i.OpCode != OpCodes.Nop).Select(i => i.OpCode).SequenceEqual([OpCodes.Ldc_I4_0, OpCodes.Ret]);
        if (getter is null || property.SetMethod is not null || property.PropertyType.MetadataType != MetadataType.Boolean || !constantFalse)
        {
            _diagnostics.Error($"{property.DeclaringType.FullName.Replace('/', '.')}.{property.Name} must be declared 'public static bool {property.Name} => false;' (the weaver replaces its body with the probe's semaphore read).", getter ?? property.SetMethod);
            return;
        }
        MethodBody body = getter.Body;
        body.Instructions.Clear();
        getter.DebugInformation.SequencePoints.Clear();
        var check = new InstructionBlock();
        _sites.IsEnabled(check, probe);
        check.Add(OpCodes.Ldc_I4_0).Add(OpCodes.Cgt_Un).Add(OpCodes.Ret).AppendTo(body);
        ShortForms.Shorten(body);
    }

    private static string Describe(MethodDefinition method) => MethodSelector.Describe(method);
}
