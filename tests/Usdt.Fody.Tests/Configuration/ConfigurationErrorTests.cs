using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Configuration;

/// <summary>
/// Malformed &lt;Usdt&gt; configuration is a build error that names the file, the element as
/// written and what is wrong, and nothing is woven.
/// </summary>
public sealed class ConfigurationErrorTests
{
    public static TheoryData<string, string[]> MalformedCases => new()
    {
        { "<Usdt><Includ Namespace='A' /></Usdt>", ["<Includ Namespace=\"A\">", "unknown element <Includ>", "<Include> and <Exclude>"] },
        { "<Usdt Provder='shop' />", ["<Usdt Provder=\"shop\">", "unknown attribute 'Provder'", "Provider, StringLimit"] },
        { "<Usdt><Include Namespace='A' Typ='B' /></Usdt>", ["<Include Namespace=\"A\" Typ=\"B\">", "unknown attribute 'Typ'"] },
        { "<Usdt><Include Type='Shop.[Bad]' /></Usdt>", ["<Include Type=\"Shop.[Bad]\">", "Type=\"Shop.[Bad]\" is not a valid pattern", "'['"] },
        { "<Usdt><Include Method='' /></Usdt>", ["<Include Method=\"\">", "is not a valid pattern: the pattern is empty"] },
        { "<Usdt><Include /></Usdt>", ["<Include>", "needs at least one of Namespace, Type, Method"] },
        { "<Usdt><Include Namespace='Shop.*' /><Exclude Namespace='Shop.*' /></Usdt>", ["<Include Namespace=\"Shop.*\"> and <Exclude Namespace=\"Shop.*\"> contradict each other"] },
        { "<Usdt StringLimit='0' />", ["<Usdt StringLimit=\"0\">", "StringLimit '0' must be a whole number of bytes from 1 to 4096"] },
        { "<Usdt StringLimit='lots' />", ["StringLimit 'lots' must be a whole number"] },
        { "<Usdt StringLimit='5000' />", ["StringLimit '5000' must be a whole number of bytes from 1 to 4096"] },
        { "<Usdt Provider='my-shop' />", ["<Usdt Provider=\"my-shop\">", "Provider 'my-shop' is not a provider name", "C identifier"] },
        { "<Usdt Provider='a_provider_name_that_is_far_too_long_to_fit_in_fifty_eight_chars' />", ["is not a provider name", "at most 58 characters"] },
        { "<Usdt Entry='false' Return='false' />", ["<Usdt Entry=\"false\" Return=\"false\">", "Entry and Return are both false"] },
        { "<Usdt Constructors='maybe' />", ["Constructors=\"maybe\" must be true or false"] },
        { "<Usdt><Include Namespace='A'>text</Include></Usdt>", ["<Include Namespace=\"A\">", "takes attributes only"] },
    };

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public void MalformedConfigurationIsABuildErrorNamingFileElementAndProblem(string xml, string[] expected)
    {
        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Debug), XElement.Parse(xml, LoadOptions.SetLineInfo));

        string error = Assert.Single(run.Errors).Text;
        Assert.StartsWith("FodyWeavers.xml(1,", error);
        foreach (string part in expected)
            Assert.Contains(part, error);
        Assert.Empty(ProbeTableReader.Read(run.OutputPath));
    }

    [Fact]
    public void EveryProblemOfOneConfigurationIsReported()
    {
        XElement config = XElement.Parse("<Usdt Bogus='1' StringLimit='-1'>\n  <Other />\n  <Include Type='a b' />\n</Usdt>", LoadOptions.SetLineInfo);

        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Debug), config);

        Assert.Equal(4, run.Errors.Count);
        Assert.Contains(run.Errors, e => e.Text.StartsWith("FodyWeavers.xml(2,4): <Other>: unknown element"));
        Assert.Contains(run.Errors, e => e.Text.StartsWith("FodyWeavers.xml(3,4): <Include Type=\"a b\">: Type=\"a b\" is not a valid pattern"));
    }

    [Fact]
    public void ValidConfigurationWithSchemaAttributesWeavesWithoutDiagnostics()
    {
        XElement config = XElement.Parse(
            "<Usdt xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:noNamespaceSchemaLocation='FodyWeavers.xsd' Provider='shop' StringLimit='64' Entry='true' Return='TRUE' Constructors='false' Properties='false' MinMethodBytes='0' GenericProbes='false'>" +
            "<Include Namespace='AssemblyToProcess.Selection.Configured' /><Exclude Method='*.ToString' /></Usdt>");

        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Debug), config).EnsureNoErrors();

        Assert.Contains(ProbeTableReader.Read(run.OutputPath), p => p.Provider == "shop" && p.Name == "Included__Plain__entry");
    }
}
