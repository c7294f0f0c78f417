using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Mono.Cecil;
using Usdt.Fody.Configuration;
using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Selection;

/// <summary>
/// The inlining rule, as the README states it: a method selected by a wide scope (a type,
/// the module, the assembly, FodyWeavers.xml) is left unprobed when it is
/// <c>[AggressiveInlining]</c> or its IL body is at most <c>MinMethodBytes</c> (default 64)
/// long; <c>[Probe]</c> on the method or its property probes it anyway; the build says how
/// many were left and the manifest lists them.
/// </summary>
public sealed class InliningRuleTests
{
    private const string Namespace = "AssemblyToProcess.Selection.Inlining";

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(100)]
    public void WideSelectionSkipsExactlyTheMethodsTheRuleNames(int? minMethodBytes)
    {
        int limit = minMethodBytes ?? WeaverConfiguration.DefaultMinMethodBytes;
        string attribute = minMethodBytes is null ? $"MinMethodBytes='{WeaverConfiguration.DefaultMinMethodBytes}'" : $"MinMethodBytes='{minMethodBytes}'";
        string input = Inputs.AssemblyToProcess(BuildConfiguration.Release);

        WeaveRun run = WeaveRun.Weave(input, XElement.Parse($"<Usdt {attribute}><Include Namespace='{Namespace}' /></Usdt>"),
            WeaveRun.KeepOnly($"{Namespace}.Mixed", $"{Namespace}.MarkedType")).EnsureNoErrors();

        HashSet<string> probed = ProbeTableReader.EntryStems(run.OutputPath);
        HashSet<string> expected = Candidates(input).Where(m => Asked(m) || !LeftToTheJit(m, limit)).Select(Stem).ToHashSet();
        Assert.Equal(expected.Order(), probed.Order());
        // The cases the rule is about, spelled out for the default limit.
        if (minMethodBytes is null)
        {
            Assert.Contains("Mixed__Work", probed);
            Assert.Contains("MarkedType__Large", probed);
            Assert.DoesNotContain("Mixed__Hot", probed);           // [AggressiveInlining], however large
            Assert.DoesNotContain("Mixed__get_Count", probed);     // accessor
            Assert.DoesNotContain("Mixed__Forward", probed);       // forwarder
            Assert.DoesNotContain("MarkedType__Small", probed);    // [Probe] on the type is a wide scope
            Assert.Contains("Mixed__AskedFor", probed);            // [Probe] on the method wins
            Assert.Contains("Mixed__AskedForHot", probed);
            Assert.Contains("Mixed__get_AskedForProperty", probed);
            Assert.Contains("Mixed__set_AskedForProperty", probed);
        }
    }

    [Fact]
    public void TheBuildSaysHowManyWereLeftAndTheManifestListsThem()
    {
        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release),
            XElement.Parse($"<Usdt MinMethodBytes='64'><Include Namespace='{Namespace}' /></Usdt>"),
            WeaveRun.KeepOnly($"{Namespace}.Mixed", $"{Namespace}.MarkedType")).EnsureNoErrors();

        string message = Assert.Single(run.Infos, i => i.Contains("left unprobed"));
        string manifest = File.ReadAllText(run.Beside("AssemblyToProcess.usdt.txt"));

        Assert.Matches(@"Usdt: \d+ selected methods left unprobed, which the JIT inlines: \d+ of at most 64 IL bytes \(MinMethodBytes\), 1 \[AggressiveInlining\]", message);
        Assert.Contains($"# {Namespace}.Mixed.Hot   [AggressiveInlining]", manifest);
        Assert.Matches($@"# {Namespace.Replace(".", "\\.")}\.Mixed\.get_Count   \d+ IL bytes \(MinMethodBytes 64\)", manifest);
        Assert.DoesNotContain($"# {Namespace}.Mixed.Work ", manifest);
    }

    /// <summary>The user methods of the two types, as read before weaving, with their IL sizes.</summary>
    private static List<MethodDefinition> Candidates(string input)
    {
        ModuleDefinition module = ModuleDefinition.ReadModule(input);
        return module.GetTypes().Where(t => t.FullName is $"{Namespace}.Mixed" or $"{Namespace}.MarkedType")
            .SelectMany(t => t.Methods).Where(m => m.HasBody && !m.Name.StartsWith('<')).ToList();
    }

    private static bool Asked(MethodDefinition method) =>
        Has(method, "Usdt.ProbeAttribute") ||
        method.DeclaringType.Properties.Any(p => (p.GetMethod == method || p.SetMethod == method) && Has(p, "Usdt.ProbeAttribute"));

    private static bool LeftToTheJit(MethodDefinition method, int limit) =>
        (method.ImplAttributes & MethodImplAttributes.AggressiveInlining) != 0 || method.Body.CodeSize <= limit;

    private static bool Has(ICustomAttributeProvider scope, string attribute) => scope.CustomAttributes.Any(a => a.AttributeType.FullName == attribute);

    private static string Stem(MethodDefinition method) =>
        method.DeclaringType.Name + "__" + (method.Name == ".ctor" ? "ctor" : method.Name);
}
