using System.Collections.Generic;
using System.Linq;
using System.Text;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Fody.Tests.Naming;

/// <summary>
/// Probe names exactly per the naming rules of the README ("The probes"), read
/// back from the woven probe table and from the generated ELF through binutils' readelf.
/// </summary>
public sealed class ProbeNameTests
{
    private static HashSet<string> Names => ProbeTableReader.Names(WovenAssemblies.AssemblyToProcess(BuildConfiguration.Release).OutputPath);

    [Fact]
    public void OverloadsAndCollisionsGetSuffixesInMetadataOrderAndExplicitNamesWin()
    {
        HashSet<string> names = Names;

        // Add(int,int), Add(double,double), Add(string,string), then Add_2() whose own stem is taken,
        // then Other.Overloads.Add in another namespace; [Probe(Name)] is reserved before all of them.
        AssertHas(names, ["Overloads__Add__entry", "Overloads__Add_2__entry", "Overloads__Add_3__entry", "Overloads__Add_2_2__entry",
            "Overloads__Add_4__entry", "custom_add__entry", "custom_add__return", "Overloads__ctor__entry", "Overloads__ctor_2__entry"]);
        Assert.DoesNotContain(names, n => n.StartsWith("Overloads__Add_5"));
    }

    [Fact]
    public void NestedTypesJoinWithUnderscoreAndGenericArityIsDropped()
    {
        AssertHas(Names, ["Outer_Inner__Method__entry", "Outer_Inner_Innermost__Method__entry", "Generic__Lookup__entry", "Box__Get__entry", "Outer_Inner__Both__entry"]);
        Assert.DoesNotContain(Names, n => n.Contains('`'));
    }

    [Fact]
    public void ConstructorsAccessorsOperatorsAndExplicitImplementationsAreNamedAsTheContractSays()
    {
        AssertHas(Names, ["Accessors__ctor__entry", "Accessors__cctor__entry", "Accessors__get_Value__entry", "Accessors__set_Value__return",
            "Accessors__get_Item__entry", "Accessors__op_Addition__entry", "Explicit__AssemblyToProcess_Naming_IExplicit_Run__entry"]);
    }

    [Fact]
    public void LongNamesAreCutTo63CharactersWithAStableHashOfTheWholeName()
    {
        const string Type = "AVeryLongTypeNameThatKeepsGoingAndGoingForTheSakeOfTheCap";
        string first = Type + "__AnEquallyLongMethodNameThatPushesThePastTheLimit";
        string second = first + "Too";

        HashSet<string> names = Names;

        // The kernel keeps 63 characters of an event name, and the stem keeps room for
        // "__return": 55 characters, ending in '_' and 8 hex digits of FNV-1a (32-bit, over
        // UTF-8) of the whole stem.
        Assert.Contains(first[..46] + "_" + Fnv1a(first) + "__entry", names);
        Assert.Contains(first[..46] + "_" + Fnv1a(first) + "__return", names);
        Assert.Contains(second[..46] + "_" + Fnv1a(second) + "__return", names);
        Assert.All(names, n => Assert.InRange(n.Length, 1, 63));
    }

    [Fact]
    public void EveryNameIsACIdentifier()
    {
        Assert.All(ProbeTableReader.Read(WovenAssemblies.AssemblyToProcess(BuildConfiguration.Debug).OutputPath),
            p => Assert.Matches("^[A-Za-z_][A-Za-z0-9_]{0,62}$", p.Name));
    }

    [Theory]
    [InlineData("AssemblyToProcess", "assemblytoprocess")]
    [InlineData("My.Odd-Name 2", "my_odd_name_2")]
    [InlineData("2Fast", "_2fast")]
    [InlineData("ÜberShop.Api", "_bershop_api")]
    public void TheDefaultProviderIsTheAssemblyNameLowerCasedAndSanitized(string assemblyName, string provider)
    {
        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release), assemblyName: assemblyName).EnsureNoErrors();

        Assert.Equal([provider, "smokeshop"], ProbeTableReader.Read(run.OutputPath).Select(p => p.Provider).Distinct());
    }

    [Fact]
    public void AVeryLongAssemblyNameGivesAProviderOfAtMost58Characters()
    {
        string name = new('A', 70);
        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release), assemblyName: name).EnsureNoErrors();

        Assert.Contains(new string('a', 58), ProbeTableReader.Read(run.OutputPath).Select(p => p.Provider));
    }

    [SkippableFact]
    public void TheGeneratedElfDescribesExactlyTheTablesProbes()
    {
        Requires.Met(TracerRequirements.Readelf());
        LoadedWoven woven = WovenAssemblies.Loaded(BuildConfiguration.Release);
        Requires.Met(woven.Registration.IsActive ? null : woven.Registration.Reason);

        IReadOnlyList<TableProbe> table = ProbeTableReader.Read(woven.Assembly.Location);

        Assert.Equal(table.Select(p => (p.Provider, p.Name)), woven.Notes.Select(n => (n.Provider, n.Name)));
        Assert.All(table.Zip(woven.Notes), pair => Assert.Equal(pair.First.Codes.Length, pair.Second.Arguments.Count));
    }

    private static void AssertHas(HashSet<string> names, string[] expected) =>
        Assert.Equal([], expected.Where(n => !names.Contains(n)).ToArray());

    private static string Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 16777619;
        return hash.ToString("x8");
    }
}
