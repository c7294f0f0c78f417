using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;
using Xunit.Abstractions;

namespace Usdt.Fody.Tests.Injection;

/// <summary>
/// Every woven method behaves as the unwoven one: the same calls, with the same arguments,
/// against a woven and an unwoven copy loaded side by side, give the same return values,
/// ref/out results, exceptions (type, message, top stack frame), object state, static state
/// and side effects; with no tracer attached and with every probe of the copy traced.
/// </summary>
[Collection(TracerCollection.Name)]
public sealed class BehaviourTests(ITestOutputHelper output)
{
    private static readonly string[] Namespaces = ["AssemblyToProcess.Shapes", "AssemblyToProcess.Async", "AssemblyToProcess.Naming", "AssemblyToProcess.StaticProbes"];

    /// <summary>
    /// Both copies in collectible contexts, which the runtime compiles fully optimised at once
    /// (no tiering): exceptions compare by type, message and first frame in the assembly.
    /// </summary>
    [Theory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void EveryWovenMethodBehavesAsTheUnwovenOneWhenOptimisedWithProbesDisabled(BuildConfiguration configuration)
    {
        Assembly unwoven = IsolatedLoadContext.LoadAlone(Inputs.AssemblyToProcess(configuration), collectible: true);
        LoadedWoven woven = LoadedWoven.Load(WovenAssemblies.AssemblyToProcess(configuration).OutputPath, collectible: true);

        List<string> expected = BehaviourHarness.Run(unwoven, Chosen);
        List<string> actual = BehaviourHarness.Run(woven.Assembly, Chosen);

        AssertSameBehaviour(expected, actual);
    }

    /// <summary>
    /// Both copies in ordinary contexts, compiled as an application's code is (tier 0 first,
    /// then re-compiled optimised when hot). Framework frames move as the framework's own
    /// code tiers up between the two runs, so exceptions compare by type, message and first
    /// frame in the assembly, as in the optimised case.
    /// </summary>
    [Theory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void EveryWovenMethodBehavesAsTheUnwovenOneWhenTiered(BuildConfiguration configuration)
    {
        Assembly unwoven = IsolatedLoadContext.LoadAlone(Inputs.AssemblyToProcess(configuration), collectible: false);
        LoadedWoven woven = LoadedWoven.Load(WovenAssemblies.AssemblyToProcess(configuration).OutputPath);

        List<string> expected = BehaviourHarness.Run(unwoven, Chosen);
        List<string> actual = BehaviourHarness.Run(woven.Assembly, Chosen);

        AssertSameBehaviour(expected, actual);
    }

    /// <summary>
    /// Every probe site of the Release build enabled at once by real uprobes (about 470
    /// tracefs events; tearing them down costs the kernel some 50 ms each, which is why the
    /// Debug build is traced probe by probe in the tracer tests instead).
    /// </summary>
    [SkippableTheory]
    [InlineData(BuildConfiguration.Release)]
    public void EveryWovenMethodBehavesAsTheUnwovenOneWithEveryProbeTraced(BuildConfiguration configuration)
    {
        Requires.Met(TracedProbes.Unavailable);
        WeaveRun run = WovenAssemblies.AssemblyToProcess(configuration);
        Assembly unwoven = IsolatedLoadContext.LoadAlone(Inputs.AssemblyToProcess(configuration), collectible: false);
        LoadedWoven woven = LoadedWoven.Load(run.OutputPath);
        IReadOnlyList<TableProbe> table = ProbeTableReader.Read(run.OutputPath);

        List<string> expected = BehaviourHarness.Run(unwoven, Traceable);
        List<string> actual;
        int events;
        using (var traced = new TracedProbes(woven, table.GroupBy(p => p.Provider).ToDictionary(g => g.Key, g => g.Select(p => p.Name).ToArray())))
        {
            actual = BehaviourHarness.Run(woven.Assembly, Traceable);
            events = traced.ReadInOrder().Count;
            Assert.Equal(0, traced.LostEvents());
        }

        output.WriteLine($"{table.Count} probes traced; {events} events while {expected.Count} calls ran");
        Assert.True(events > expected.Count, $"only {events} events for {expected.Count} calls: were the probes enabled?");
        // Traced, a method runs its instrumented copy in a sibling method it calls
        // (TracedMethod): an exception's first frame in the assembly is that sibling,
        // "<Divide>usdt_traced", under the method it belongs to. That frame is the one
        // difference tracing makes; everything else must match.
        AssertSameBehaviour(expected, actual.ConvertAll(Outcome.WithTracedFramesAsTheirMethods));
    }

    /// <summary>
    /// A body that an earlier weaver changed (instructions added around its first one, with
    /// offset 0, so that offsets no longer identify instructions) is copied into its traced
    /// sibling as faithfully as a body just read.
    /// </summary>
    [Fact]
    public void BodiesAnEarlierWeaverChangedBehaveAsTheUnwovenOnes()
    {
        Assembly unwoven = IsolatedLoadContext.LoadAlone(Inputs.AssemblyToProcess(BuildConfiguration.Release), collectible: true);
        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release), before: AddNops).EnsureNoErrors();
        LoadedWoven woven = LoadedWoven.Load(run.OutputPath, collectible: true);

        AssertSameBehaviour(BehaviourHarness.Run(unwoven, Chosen), BehaviourHarness.Run(woven.Assembly, Chosen));
    }

    private static void AddNops(ModuleDefinition module)
    {
        foreach (TypeDefinition type in module.GetTypes())
        {
            foreach (MethodDefinition method in type.Methods)
            {
                // After the first instruction only where a second follows: nothing may run off the end.
                if (!method.HasBody || method.Body.Instructions.Count < 2)
                    continue;
                method.Body.Instructions.Insert(0, Instruction.Create(OpCodes.Nop));
                method.Body.Instructions.Insert(2, Instruction.Create(OpCodes.Nop));
            }
        }
    }

    private static bool Chosen(Type type) => Namespaces.Any(n => type.Namespace == n);

    /// <summary>Static probe classes are left out while traced: their Is&lt;Probe&gt;Enabled checks answer true then, by design (StaticProbeTests).</summary>
    private static bool Traceable(Type type) => Chosen(type) && type.Namespace != "AssemblyToProcess.StaticProbes";

    private void AssertSameBehaviour(List<string> expected, List<string> actual)
    {
        expected = expected.ConvertAll(Outcome.WithoutJitDependentFrames);
        actual = actual.ConvertAll(Outcome.WithoutJitDependentFrames);
        output.WriteLine($"{expected.Count} calls compared");
        Assert.True(expected.Count > 400, $"only {expected.Count} calls");
        var differences = expected.Zip(actual).Where(p => p.First != p.Second).Take(10).ToList();
        foreach ((string first, string second) in differences)
            output.WriteLine($"unwoven: {first}\nwoven:   {second}\n");
        Assert.Equal(expected.Count, actual.Count);
        Assert.Empty(differences);
    }
}
