using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Mono.Cecil;
using Usdt.Fody.Configuration;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;
using Xunit.Abstractions;

namespace Usdt.Fody.Tests.RealLibraries;

/// <summary>
/// Code nobody here wrote: widely used NuGet libraries woven with every method probed,
/// every method JIT-compiled, and a workload run through the woven and the unwoven copy
/// side by side, with probes disabled and then with a real tracer on hot probes; every
/// result must be the same.
/// </summary>
[Collection(TracerCollection.Name)]
public sealed class RealLibraryTests(ITestOutputHelper output)
{
    private const int HotIterations = 300;

    [SkippableTheory]
    [InlineData("Newtonsoft.Json", "Newtonsoft.Json", "JToken__Parse|JsonTextReader__Read|JsonTextReader__ctor|JsonTextReader__ParseValue|JValue__ctor")]
    [InlineData("Humanizer", "Humanizer", "StringHumanizeExtensions__\\w+|NumberToWordsExtension__\\w+|EnglishNumberToWordsConverter__\\w+")]
    public void EveryMethodProbedLibraryJitsAndBehavesAsTheOriginal(string library, string workloadName, string hotStems)
    {
        string input = Path.Combine(Inputs.WorkloadDirectory, library + ".dll");
        int methods = CountMethodsWithBodies(input);

        WeaveRun run = WeaveRun.Weave(input, XElement.Parse($"<Usdt MinMethodBytes='{WeaverConfiguration.DefaultMinMethodBytes}'><Include Namespace='*' /></Usdt>"), writeSymbols: false).EnsureNoErrors();
        IReadOnlyList<TableProbe> table = ProbeTableReader.Read(run.OutputPath);
        int probedMethods = table.Count(p => p.Name.EndsWith("__entry"));
        output.WriteLine($"{library}: {methods} methods with bodies, {probedMethods} probed ({table.Count} probes), weave {run.WeaveTime.TotalMilliseconds:F0} ms, " +
            $"{run.Warnings.Count} warnings");
        foreach (string info in run.Infos.Where(i => i.StartsWith("Usdt:")))
            output.WriteLine(info);
        // Every method but the compiler's own (lambdas, state machines, ...), those leaving
        // through jmp, and those the inlining rule leaves to the JIT.
        int skipped = run.Infos.Where(i => i.Contains("left unprobed")).Select(i => int.Parse(System.Text.RegularExpressions.Regex.Match(i, @"Usdt: (\d+) selected").Groups[1].Value)).SingleOrDefault();
        Assert.True(probedMethods + skipped > methods / 2, $"only {probedMethods} of {methods} methods probed and {skipped} left to the JIT");
        Assert.True(probedMethods > 0);

        // JIT every method of the woven copy (a failure counts only when the unwoven copy compiles).
        LoadedWoven woven = LoadedWoven.Load(run.OutputPath, new Dictionary<string, string> { [library] = run.OutputPath }, Inputs.WorkloadDirectory);
        JitReport jit = JitCompiler.CompileAll(woven.Assembly);
        Assembly unwovenForJit = IsolatedLoadContext.LoadAlone(input, collectible: true);
        List<string> failures = jit.Failures.Where(f => !UnwovenFailsToo(unwovenForJit, f)).ToList();
        output.WriteLine($"JIT: {jit.Methods} methods, {jit.Compilations} compilations, {jit.NotInstantiable.Count} generic methods without a satisfiable instantiation, " +
            $"{jit.Failures.Count - failures.Count} failing unwoven too");
        foreach (string failure in failures.Take(20))
            output.WriteLine(failure);
        Assert.Empty(failures);

        // The workload, unwoven and woven, probes disabled.
        var unwovenContext = new IsolatedLoadContext("unwoven " + library, Inputs.WorkloadDirectory, collectible: true);
        string[] expected = RunWorkload(unwovenContext, workloadName);
        string[] disabled = RunWorkload(woven.Context, workloadName);
        AssertSame(expected, disabled);

        // Again with a real tracer on the hot types' probes.
        Requires.Met(TracedProbes.Unavailable);
        var hotPattern = new System.Text.RegularExpressions.Regex($"^({hotStems})(_\\d+)?__(entry|return)$");
        string[] hot = table.Where(p => hotPattern.IsMatch(p.Name)).Select(p => p.Name).Take(60).ToArray();
        Assert.NotEmpty(hot);
        string[] enabled;
        int events;
        using (var traced = new TracedProbes(woven, table[0].Provider, hot))
        {
            enabled = RunWorkload(woven.Context, workloadName);
            events = traced.ReadInOrder().Count;
        }
        output.WriteLine($"traced {hot.Length} probes ({string.Join(", ", hot.Take(8))}...): {events} events");
        Assert.True(events > HotIterations, $"only {events} events");
        AssertSame(expected, enabled);
    }

    private static string[] RunWorkload(System.Runtime.Loader.AssemblyLoadContext context, string library)
    {
        Assembly workload = context.LoadFromAssemblyPath(Path.Combine(Inputs.WorkloadDirectory, "RealLibraries.Workload.dll"));
        return (string[])workload.GetType("RealLibraries.Workload.Workload", throwOnError: true)!.GetMethod("Run")!.Invoke(null, [library, HotIterations])!;
    }

    private void AssertSame(string[] expected, string[] actual)
    {
        foreach ((string e, string a) in expected.Zip(actual).Where(p => p.First != p.Second))
            output.WriteLine($"unwoven: {e}\nwoven:   {a}");
        Assert.Equal(expected, actual);
        Assert.True(expected.Length > 10);
    }

    private static int CountMethodsWithBodies(string path)
    {
        using ModuleDefinition module = ModuleDefinition.ReadModule(path);
        return module.GetTypes().SelectMany(t => t.Methods).Count(m => m.HasBody);
    }

    private static bool UnwovenFailsToo(Assembly unwoven, string failure)
    {
        string method = failure[..failure.IndexOf(" [", StringComparison.Ordinal)];
        JitReport again = JitCompiler.CompileAll(unwoven, m => JitCompiler.Describe(m) == method);
        return again.Failures.Count > 0;
    }
}
