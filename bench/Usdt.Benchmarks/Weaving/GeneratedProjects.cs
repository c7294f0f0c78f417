using System.IO;
using System.Text;

namespace Usdt.Benchmarks.Weaving;

/// <summary>
/// Writes a generated library of N methods as two projects over the same sources: one a
/// plain build, one woven by this repository's Usdt.Fody (every method probed), so that
/// weave time, build time and IL growth can be compared on a realistic amount of code.
/// </summary>
internal static class GeneratedProjects
{
    public const int MethodsPerClass = 100;

    /// <summary>Writes the sources and both projects under <paramref name="root"/>; returns the two project paths.</summary>
    public static (string Plain, string Woven) Write(string root, int methods, string repoRoot)
    {
        string sources = Path.Combine(root, "src");
        Directory.CreateDirectory(sources);
        for (int type = 0; type * MethodsPerClass < methods; type++)
            File.WriteAllText(Path.Combine(sources, $"Service{type}.cs"), Class(type, System.Math.Min(MethodsPerClass, methods - type * MethodsPerClass)));

        string runtime = Path.Combine(repoRoot, "runtime", "Usdt", "Usdt.csproj");
        string weaver = Path.Combine(repoRoot, "weaver", "Usdt.Fody", "bin", "Release", "netstandard2.0", "Usdt.Fody.dll");
        string plain = WriteProject(Path.Combine(root, "plain"), runtime, wovenBy: null);
        string woven = WriteProject(Path.Combine(root, "woven"), runtime, wovenBy: weaver);
        return (plain, woven);
    }

    private static string WriteProject(string directory, string runtime, string? wovenBy)
    {
        Directory.CreateDirectory(directory);
        string fody = wovenBy is null ? "" : $"""
                <PackageReference Include="Fody" Version="6.9.3" PrivateAssets="all" />
                <WeaverFiles Include="{wovenBy}" />
            """;
        string project = Path.Combine(directory, "Generated.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>Generated</AssemblyName>
                <Nullable>enable</Nullable>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="../src/*.cs" />
                <ProjectReference Include="{runtime}" />
            {fody}
              </ItemGroup>
            </Project>
            """);
        if (wovenBy is not null)
        {
            // MinMethodBytes="0": every generated method is probed, most of them being
            // one-liners that a namespace-wide selection would otherwise leave out.
            File.WriteAllText(Path.Combine(directory, "FodyWeavers.xml"), """
                <Weavers>
                  <Usdt Provider="generated" MinMethodBytes="0">
                    <Include Namespace="Generated" />
                  </Usdt>
                </Weavers>
                """);
        }
        return project;
    }

    // Three method shapes in turn, as a service layer has them: a computation over an int
    // and a string, a void method with a branch, and a string-returning instance method.
    private static string Class(int type, int count)
    {
        var text = new StringBuilder();
        text.Append($"namespace Generated;\n\npublic sealed class Service{type}\n{{\n    private int _calls;\n\n");
        for (int m = 0; m < count; m++)
        {
            text.Append((m % 3) switch
            {
                0 => $"    public static int Compute{m}(int quantity, string sku) => quantity * {m + 1} + sku.Length;\n\n",
                1 => $"    public void Record{m}(long id, bool urgent)\n    {{\n        if (urgent)\n            _calls += (int)(id % {m + 2});\n        else\n            _calls++;\n    }}\n\n",
                _ => $"    public string Describe{m}(string name, double price) => name + \":\" + (price * {m + 1}).ToString(System.Globalization.CultureInfo.InvariantCulture) + _calls;\n\n",
            });
        }
        text.Append("}\n");
        return text.ToString();
    }
}
