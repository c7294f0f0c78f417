using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Mono.Cecil;
using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Selection;

/// <summary>
/// Which methods get probes: method &gt; property &gt; type &gt; module &gt; assembly &gt;
/// configuration; [NoProbe] beats an include, [Probe] on a method beats an exclude; the
/// Constructors and Properties switches; compiler-generated, abstract and extern methods never.
/// Each case reads back exactly the stems (Type__Method) woven.
/// </summary>
public sealed class PrecedenceTests
{
    private static HashSet<string> Stems(string config, string? input = null, System.Action<ModuleDefinition>? before = null)
    {
        WeaveRun run = WeaveRun.Weave(input ?? Inputs.AssemblyToProcess(BuildConfiguration.Debug), WeaveRun.AllMethods(XElement.Parse(config)), before).EnsureNoErrors();
        return ProbeTableReader.EntryStems(run.OutputPath);
    }

    private static HashSet<string> Within(HashSet<string> stems, params string[] types) =>
        stems.Where(s => types.Any(t => s.StartsWith(t + "__"))).ToHashSet();

    [Fact]
    public void AnIncludedNamespaceSelectsItsMethodsConstructorsAndAccessorsButNotNoProbeOnes()
    {
        HashSet<string> stems = Stems("<Usdt><Include Namespace='AssemblyToProcess.Selection.Configured' /></Usdt>");

        AssertSet(["Included__Plain", "Included__get_Value", "Included__set_Value", "Included__ctor", "Included__ToString"], Within(stems, "Included"));
        AssertSet(["Excluded__Plain", "Excluded__OptedIn", "Excluded__ctor"], Within(stems, "Excluded"));
        // [NoProbe] on the type beats the include; [Probe] on its members beats the type.
        AssertSet(["QuietType__OptedIn", "QuietType__get_Property", "QuietType__set_Property"], Within(stems, "QuietType"));
        // Nested types and sub-namespaces are inside the namespace.
        Assert.Contains("Outer_Inner__InnerMethod", stems);
        Assert.Contains("DeepType__Deep", stems);
    }

    [Fact]
    public void AnExcludeBeatsAnIncludeAndProbeOnAMethodBeatsTheExclude()
    {
        HashSet<string> stems = Stems("<Usdt><Include Namespace='AssemblyToProcess.Selection.Configured' /><Exclude Type='*.Excluded' /><Exclude Method='*.ToString' /></Usdt>");

        AssertSet(["Excluded__OptedIn"], Within(stems, "Excluded"));
        Assert.DoesNotContain("Included__ToString", stems);
        Assert.Contains("Included__Plain", stems);
    }

    [Fact]
    public void TypeAndMethodGlobsMatchFullNamesWithNestedTypesJoinedByDots()
    {
        HashSet<string> stems = Stems("<Usdt><Include Type='AssemblyToProcess.Selection.Configured.Outer.Inner' /><Include Method='*.Deeper.DeepType.De?p' /></Usdt>");

        stems.ExceptWith(Stems("<Usdt />"));   // what attributes select anyway
        // Outer.Inner's constructor stem collides with other Outer.Inner types' and gets a suffix.
        AssertSet(["DeepType__Deep", "Outer_Inner__InnerMethod", "Outer_Inner__ctor_3"], stems);
    }

    [Fact]
    public void TheConstructorsAndPropertiesSwitchesLeaveThemOutUnlessMarkedThemselves()
    {
        HashSet<string> stems = Stems("<Usdt Constructors='false' Properties='false'><Include Namespace='AssemblyToProcess.Selection' /></Usdt>");

        AssertSet(["Included__Plain", "Included__ToString"], Within(stems, "Included"));
        // Type-level [Probe] obeys the switches too; [Probe] on the member itself does not.
        AssertSet(["ProbedType__Method", "ProbedType__get_ExplicitProperty", "ProbedType__set_ExplicitProperty"], Within(stems, "ProbedType"));
        AssertSet(["ExplicitMembers__Unmarked", "ExplicitMembers__ctor", "ExplicitMembers__get_Property", "ExplicitMembers__set_Property"], Within(stems, "ExplicitMembers"));
        AssertSet(["QuietType__OptedIn", "QuietType__get_Property", "QuietType__set_Property"], Within(stems, "QuietType"));
    }

    [Fact]
    public void TypeLevelProbeSelectsEveryEligibleMethodAndNoProbeOnAMemberWins()
    {
        HashSet<string> stems = Stems("<Usdt />");

        // Both [NoProbe] and [Probe] on one method: [NoProbe] wins. Static constructors count.
        AssertSet(["ProbedType__Method", "ProbedType__cctor", "ProbedType__ctor", "ProbedType__get_ExplicitProperty", "ProbedType__get_Property",
            "ProbedType__set_ExplicitProperty", "ProbedType__set_Property"], Within(stems, "ProbedType"));
        // Abstract methods of a probed type are skipped without a word; its concrete ones are probed.
        AssertSet(["ExplicitMembers_AbstractInside__Concrete", "ExplicitMembers_AbstractInside__ctor"], Within(stems, "ExplicitMembers_AbstractInside"));
        // Nothing configured and nothing marked: nothing woven; [Probe] on a method needs no configuration.
        Assert.Empty(Within(stems, "Included", "DeepType"));
        AssertSet(["Excluded__OptedIn"], Within(stems, "Excluded"));
    }

    [Fact]
    public void CompilerGeneratedMethodsAreNeverSelectedButAttributedLocalFunctionsAre()
    {
        HashSet<string> stems = ProbeTableReader.EntryStems(WovenAssemblies.AssemblyToProcess(BuildConfiguration.Debug).OutputPath);

        Assert.Contains("Special__WithLocalFunction_Twice", stems);
        Assert.Contains("Special__WithCapturingLocalFunction_AddOffset", stems);
        Assert.DoesNotContain("Special__WithLocalFunction_Plain", stems);
        Assert.DoesNotContain(stems, s => s.Contains("b__") || s.Contains("MoveNext") || System.Text.RegularExpressions.Regex.IsMatch(s, @"d__\d"));
        // A record's synthesized members (Equals, PrintMembers, <Clone>$, EqualityContract...) are the compiler's.
        AssertSet(["Person__FullName", "Person__ctor", "Person__get_First", "Person__get_Last", "Person__set_First", "Person__set_Last"],
            Within(stems, "Person"));
        // Delegate types nested in a probed type have runtime-provided bodies.
        Assert.DoesNotContain(stems, s => s.StartsWith("Special_Transform"));
    }

    [Fact]
    public void ModuleLevelNoProbeBeatsAssemblyLevelProbeAndTypeLevelProbeBeatsTheModule()
    {
        HashSet<string> stems = Stems("<Usdt />", Inputs.Scopes);
        WeaveRun run = WeaveRun.Weave(Inputs.Scopes, WeaveRun.AllMethods());

        AssertSet(["Marked__Method", "Marked__ctor"], stems);
        Assert.All(ProbeTableReader.Read(run.OutputPath), p => Assert.Equal("scopes_shop", p.Provider));
    }

    [Fact]
    public void AssemblyLevelProbeBeatsAConfiguredExclude()
    {
        HashSet<string> stems = Stems("<Usdt><Exclude Namespace='*' /></Usdt>", Inputs.Scopes, RemoveModuleAttributes);

        AssertSet(["Marked__Method", "Marked__ctor", "Unmarked__Method", "Unmarked__ctor"], stems);
    }

    private static void AssertSet(string[] expected, IEnumerable<string> actual) =>
        Assert.Equal(expected.Order(System.StringComparer.Ordinal), actual.Order(System.StringComparer.Ordinal));

    private static void RemoveModuleAttributes(ModuleDefinition module)
    {
        foreach (CustomAttribute attribute in module.CustomAttributes.Where(a => a.AttributeType.Name == "NoProbeAttribute").ToList())
            module.CustomAttributes.Remove(attribute);
    }
}
