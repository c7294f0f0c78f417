using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests.Tool;

/// <summary>
/// A wholesale-woven app: <see cref="Classes"/> × <see cref="MethodsPerClass"/> generated
/// methods, every one selected by FodyWeavers.xml (two probes each), built from the test
/// feed's package like any user's project. It prints <c>ready</c>, then on each <c>call</c>
/// line makes the <see cref="Calls"/> and prints <c>called</c>; it ends when its input closes.
/// </summary>
internal sealed class WideApp
{
    public const int Classes = 50;
    public const int MethodsPerClass = 40;
    public const int Probes = Classes * MethodsPerClass * 2;
    public const string Namespace = "Wide.Generated";

    private static readonly ConditionalWeakTable<SampleShopBuild, WideApp> s_built = [];

    /// <summary>The calls the app makes: class, method, arguments; the sync one, the throwing one, the async one.</summary>
    public static readonly (int Class, int Method, int Value, string Text)[] Calls =
    [
        (17, 5, 5, "five"),
        (42, 33, 33, "thirty-three"),
        (3, 7, -7, "throws"),
        (25, 11, 11, "later"),
    ];

    private WideApp(string directory, string provider)
    {
        Directory = directory;
        Provider = provider;
    }

    /// <summary>The build output.</summary>
    public string Directory { get; }

    public string Provider { get; }

    public string AssemblyPath => Path.Combine(Directory, "Wide.dll");

    public string LibraryPath => Path.Combine(Directory, "Wide.usdt.x64.so");

    public string ManifestPath => Path.Combine(Directory, "Wide.usdt.json");

    public string[] Command => ["dotnet", AssemblyPath];

    /// <summary>What method <c>M</c> of class <c>C</c> returns for its arguments (its generated body).</summary>
    public static long Result(int @class, int method, int value, string text) =>
        value + text.Sum(c => (long)c) + @class * 1000 + method;

    /// <summary>Which generated method throws (<c>InvalidOperationException</c> for a negative value) and which is async.</summary>
    public static bool Throws(int method) => method % 10 == 7;

    public static bool IsAsync(int method) => method % 10 == 1;

    public static string MethodName(int method) => IsAsync(method) ? $"M{method:00}Async" : $"M{method:00}";

    public static string ClassName(int @class) => $"C{@class:000}";

    public static WideApp For(SampleShopBuild build)
    {
        lock (s_built)
        {
            if (!s_built.TryGetValue(build, out WideApp? app))
                s_built.Add(build, app = Build(build));
            return app;
        }
    }

    private static WideApp Build(SampleShopBuild build)
    {
        string project = Path.Combine(build.Root, "Wide");
        System.IO.Directory.CreateDirectory(project);
        string provider = UniqueNames.Next("wide");
        File.WriteAllText(Path.Combine(project, "Wide.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AssemblyName>Wide</AssemblyName>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Fody" Version="6.9.3" PrivateAssets="all" />
                <PackageReference Include="Usdt.Fody" Version="{build.PackageVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="test-feed" value="{build.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "FodyWeavers.xml"), $"""
            <Weavers>
              <Usdt Provider="{provider}" MinMethodBytes="0">
                <Include Namespace="{Namespace}" />
              </Usdt>
            </Weavers>
            """);
        File.WriteAllText(Path.Combine(project, "Generated.cs"), Source());
        File.WriteAllText(Path.Combine(project, "Program.cs"), ProgramSource());
        string output = Path.Combine(build.Root, "Wide-build");
        Dotnet.Run(project, TimeSpan.FromMinutes(10), "build", "-c", "Release", "-o", output);
        return new WideApp(output, provider);
    }

    private static string Source()
    {
        var source = new StringBuilder($"namespace {Namespace};\n");
        for (int c = 0; c < Classes; c++)
        {
            source.Append(CultureInfo.InvariantCulture, $"\npublic static class {ClassName(c)}\n{{\n");
            for (int m = 0; m < MethodsPerClass; m++)
            {
                string body = $"long sum = value + {c * 1000 + m}; foreach (char ch in text) sum += ch;";
                if (Throws(m))
                    source.Append(CultureInfo.InvariantCulture, $"    public static long {MethodName(m)}(int value, string text) {{ {body} if (value < 0) throw new InvalidOperationException(text); return sum; }}\n");
                else if (IsAsync(m))
                    source.Append(CultureInfo.InvariantCulture, $"    public static async Task<long> {MethodName(m)}(int value, string text) {{ {body} await Task.Delay(5); return sum; }}\n");
                else
                    source.Append(CultureInfo.InvariantCulture, $"    public static long {MethodName(m)}(int value, string text) {{ {body} return sum; }}\n");
            }
            source.Append("}\n");
        }
        return source.ToString();
    }

    private static string ProgramSource()
    {
        var calls = new StringBuilder();
        foreach ((int c, int m, int value, string text) in Calls)
        {
            string call = $"{Namespace}.{ClassName(c)}.{MethodName(m)}({value}, \"{text}\")";
            calls.Append(IsAsync(m) ? $"        total += await {call};\n"
                : Throws(m) ? $"        try {{ {call}; }} catch (InvalidOperationException) {{ }}\n"
                : $"        total += {call};\n");
        }
        return $$"""
            Console.WriteLine("ready");
            string? line;
            while ((line = Console.ReadLine()) is not null)
            {
                if (line != "call")
                    continue;
                long total = 0;
            {{calls}}
                Console.WriteLine($"called {total}");
            }
            """;
    }
}
