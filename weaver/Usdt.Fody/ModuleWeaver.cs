using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Fody;
using Mono.Cecil;
using Usdt.Contract;
using Usdt.Fody.Configuration;
using Usdt.Fody.Emit;
using Usdt.Fody.Injection;
using Usdt.Fody.Naming;
using Usdt.Fody.Selection;

namespace Usdt.Fody;

/// <summary>
/// The Fody add-in: reads the <c>&lt;Usdt&gt;</c> configuration, selects methods, and weaves
/// function-boundary probes (and hand-placed static probes) into the module, registered
/// with the Usdt runtime when the module loads.
/// </summary>
public sealed class ModuleWeaver : BaseModuleWeaver
{
    /// <inheritdoc />
    public override void Execute()
    {
        var diagnostics = new WeaverDiagnostics(
            (message, method) => { if (method is null) WriteError(message); else WriteError(message, DiagnosticLocation.Of(method)); },
            (message, method) => { if (method is null) WriteWarning(message); else WriteWarning(message, DiagnosticLocation.Of(method)); },
            WriteInfo);
        try
        {
            Weave(diagnostics);
        }
        catch (MissingRuntimeMemberException e)
        {
            diagnostics.Error(e.Message);
        }
        catch (Exception e)
        {
            // A weaver bug must surface as a build error that says what happened, never as
            // a crashed build or a silently half-woven assembly.
            diagnostics.Error($"Usdt.Fody failed while weaving {ModuleDefinition.Name}: {e}");
        }
    }

    private void Weave(WeaverDiagnostics diagnostics)
    {
        WeaverConfiguration configuration = ConfigurationReader.Read(Config, ConfigurationSource(), out IReadOnlyList<string> errors);
        foreach (string error in errors)
            diagnostics.Error(error);
        if (errors.Count > 0)
            return;

        List<TypeDefinition> types = ModuleDefinition.GetTypes().Where(IsUserType).ToList();
        // A wide selection reads every body it considers, a weave's first large allocation:
        // held from here, sized by the module. A selection by attributes on methods and types
        // reads few, and is held, if at all, once its size is known.
        using CollectionHold wideHold = SelectsWidely(configuration) ? CollectionHold.For(types.Sum(type => type.Methods.Count)) : CollectionHold.None;
        List<TypeDefinition> staticProviders = types.Where(StaticProbeClasses.IsStaticProbeClass).ToList();
        List<SelectedMethod> selected = MethodSelector.Select(types.Except(staticProviders), ModuleDefinition, configuration, diagnostics,
            out IReadOnlyList<SkippedMethod> skipped);
        ReportSkipped(skipped, configuration, diagnostics);
        // A manifest and libraries from an earlier build must not outlive their probes.
        foreach (string path in new[] { ManifestPath, JsonManifestPath })
        {
            if (File.Exists(path))
                File.Delete(path);
        }
        BuiltProbeLibraries.DeleteStale(OutputDirectory, AssemblyStem);
        if (selected.Count == 0 && staticProviders.Count == 0)
        {
            diagnostics.Info(skipped.Count == 0
                ? "Usdt: no method selected for probes (mark methods with [Probe] or add <Include> rules to FodyWeavers.xml)."
                : "Usdt: every selected method was left unprobed by the inlining rule; nothing woven.");
            return;
        }
        if (diagnostics.ErrorCount > 0)
            return;

        using CollectionHold hold = wideHold.IsHeld ? CollectionHold.None : CollectionHold.For(selected.Count + staticProviders.Sum(type => type.Methods.Count));
        var runtime = RuntimeReferences.Resolve(ModuleDefinition, ResolveAssembly);
        bool generic = configuration.GenericProbes || ProbeAttributes.HasGenericProbes(ModuleDefinition.Assembly);
        var table = new ProbeTable(ModuleDefinition, runtime, methodNames: generic);
        var manifest = new ProbeManifest(skipped);
        var sites = new ProbeSiteEmitter(table, runtime);
        var words = new WordEmitter(runtime, ModuleDefinition, configuration.StringLimit);
        var sync = new SyncMethodInjector(sites, words, runtime, ModuleDefinition, table.MethodNames);
        var async = new AsyncMethodInjector(sites, words, runtime, ModuleDefinition, sync);

        string provider = ProviderName(configuration, diagnostics);
        var functionProbes = new FunctionBoundaryProbes(table, manifest, sync, async, configuration, diagnostics);
        IReadOnlyList<FunctionBoundaryProbes.PlannedMethod> planned = functionProbes.Plan(selected, provider);
        int statics = new StaticProbeClasses(table, manifest, sites, words, diagnostics).Weave(staticProviders);

        // Every probe is in the table now. Completed even when some probe was refused: static
        // probes woven before the error refer to the table, and a module whose code refers to
        // a type it lacks cannot be written.
        table.Complete(ModuleDefinition.Assembly.Name.Name, AssemblyStem);
        if (diagnostics.ErrorCount > 0)
            return;
        // The manifests and the probe libraries are made from the finished table and the
        // manifest's own strings, and read no Cecil object: other threads write them while
        // this one injects the planned methods' sites.
        string assemblyName = ModuleDefinition.Assembly.Name.Name;
        string manifestPath = ManifestPath, jsonManifestPath = JsonManifestPath, directory = OutputDirectory, stem = AssemblyStem;
        Task manifests = Task.Run(() =>
        {
            Utf8TextFile.Write(manifestPath, text => manifest.WriteText(assemblyName, text));
            Utf8TextFile.Write(jsonManifestPath, text => ProbeManifestJson.Write(manifest, assemblyName, text));
        });
        Task<IReadOnlyList<string>> libraries = Task.Run(() =>
        {
            IReadOnlyList<string> written = BuiltProbeLibraries.Write(table, directory, stem);
            return table.MethodNames is { IsEmpty: false } ? [.. written, .. BuiltProbeLibraries.WriteMethodPair(directory)] : written;
        });
        try
        {
            functionProbes.Inject(planned);
        }
        finally
        {
            // Rethrow the writers' own exceptions, not AggregateExceptions around them.
            manifests.GetAwaiter().GetResult();
            libraries.GetAwaiter().GetResult();
        }
        int functions = planned.Count;
        diagnostics.Info($"Usdt: {table.Count} probes ({functions} methods with function-boundary probes as provider '{provider}', {statics} static probes); " +
            $"arguments listed in {ManifestPath}; probe libraries {string.Join(", ", libraries.Result.Select(Path.GetFileName))}.");
    }

    /// <summary>Says how many methods the inlining rule left unprobed, and why, in one build message.</summary>
    private static void ReportSkipped(IReadOnlyList<SkippedMethod> skipped, WeaverConfiguration configuration, WeaverDiagnostics diagnostics)
    {
        if (skipped.Count == 0)
            return;
        int forced = skipped.Count(s => s.Reason == InliningRule.AggressiveInlining);
        diagnostics.Info($"Usdt: {skipped.Count} selected methods left unprobed, which the JIT inlines: {skipped.Count - forced} of at most " +
            $"{configuration.MinMethodBytes} IL bytes (MinMethodBytes), {forced} [AggressiveInlining]. [Probe] on a method probes it anyway; the manifest lists them.");
    }

    private string ProviderName(WeaverConfiguration configuration, WeaverDiagnostics diagnostics)
    {
        if (configuration.Provider is { } configured)
            return configured;
        if (ProbeAttributes.ProviderName(ModuleDefinition.Assembly) is { } attributed)
        {
            if (ProbeIdentifier.IsValid(attributed, ContractLimits.MaxProviderNameLength))
                return attributed;
            diagnostics.Error($"[assembly: ProbeProvider(\"{attributed}\")] is not a provider name: use a C identifier of at most {ContractLimits.MaxProviderNameLength} characters.");
        }
        return ProviderNaming.FromAssemblyName(ModuleDefinition.Assembly.Name.Name);
    }

    /// <summary>
    /// The probe manifest, next to the woven assembly (in the build, obj/.../NAME.usdt.txt;
    /// the package's targets copy it to the output and publish directories).
    /// </summary>
    private string ManifestPath => Path.ChangeExtension(AssemblyFilePath, ".usdt.txt");

    /// <summary>The same manifest for tools (<c>NAME.usdt.json</c>), beside the text one.</summary>
    private string JsonManifestPath => Path.ChangeExtension(AssemblyFilePath, ".usdt.json");

    /// <summary>The woven assembly's file name without extension: what its manifest and libraries are named after.</summary>
    private string AssemblyStem => Path.GetFileNameWithoutExtension(AssemblyFilePath);

    /// <summary>Where the woven assembly is written (obj/...): its manifest and libraries go beside it.</summary>
    private string OutputDirectory => Path.GetDirectoryName(Path.GetFullPath(AssemblyFilePath))!;

    /// <summary>Whether rules or assembly- and module-level attributes select whole namespaces, types or the module.</summary>
    private bool SelectsWidely(WeaverConfiguration configuration) =>
        configuration.Includes.Count > 0
        || ProbeAttributes.VerdictOf(ModuleDefinition) == Verdict.Probe
        || ProbeAttributes.VerdictOf(ModuleDefinition.Assembly) == Verdict.Probe;

    private static bool IsUserType(TypeDefinition type) => type.Name != "<Module>" && type.Name != ProbeTable.TypeName;

    private string ConfigurationSource()
    {
        string file = string.IsNullOrEmpty(ProjectDirectoryPath) ? "FodyWeavers.xml" : Path.Combine(ProjectDirectoryPath, "FodyWeavers.xml");
        return File.Exists(file) ? file : "FodyWeavers.xml";
    }

    /// <inheritdoc />
    public override IEnumerable<string> GetAssembliesForScanning() => [];

    /// <summary>Woven code calls Usdt.dll at run time: Fody must keep the reference.</summary>
    public override bool ShouldCleanReference => false;
}
