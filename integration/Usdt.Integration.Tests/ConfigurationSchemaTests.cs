using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// FodyWeavers.xml is checked twice: by the schema Fody generates from the package's .xcf
/// (what an editor shows while typing), and by the weaver at build time (a build error).
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class ConfigurationSchemaTests(SampleShopBuild shop)
{
    [Fact]
    public void GeneratedSchemaAcceptsTheShopsConfigurationAndFlagsAMisspelledAttribute()
    {
        string schema = Path.Combine(shop.ProjectDirectory, "FodyWeavers.xsd");
        Assert.True(File.Exists(schema), "Fody writes FodyWeavers.xsd with the Usdt element from Usdt.Fody.xcf");

        string configuration = File.ReadAllText(Path.Combine(shop.ProjectDirectory, "FodyWeavers.xml"));
        Assert.Empty(Validate(schema, configuration));

        List<string> errors = Validate(schema, configuration.Replace("StringLimit=", "StringLimt=", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("StringLimt", StringComparison.Ordinal));

        errors = Validate(schema, configuration.Replace("<Include ", "<Includ ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Includ", StringComparison.Ordinal));
    }

    [Fact]
    public void MisspelledAttributeFailsTheBuildNamingFileAndAttribute()
    {
        string project = shop.CopySample("SampleApp-misspelled", shop.Provider + "_bad");
        string weavers = Path.Combine(project, "FodyWeavers.xml");
        File.WriteAllText(weavers, File.ReadAllText(weavers).Replace("StringLimit=", "StringLimt=", StringComparison.Ordinal));

        (int exitCode, string output) = Dotnet.TryRun(project, TimeSpan.FromMinutes(5), "build", "-c", "Release", $"-p:UsdtFodyVersion={shop.PackageVersion}");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(weavers, output);
        Assert.Contains("unknown attribute 'StringLimt'", output);
    }

    private static List<string> Validate(string schemaPath, string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, schemaPath);
        var errors = new List<string>();
        XDocument.Parse(xml).Validate(schemas, (_, e) => errors.Add(e.Message));
        return errors;
    }
}
