using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Usdt.Integration.Tests;

/// <summary>Where the repository is, how it was built, and a clean environment for the dotnet commands the tests run.</summary>
internal static class BuildEnvironment
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>The configuration the tests (and so the weaver and runtime) were built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>
    /// Variables for child <c>dotnet</c> commands: the test host's MSBuild and VSTest
    /// variables removed, so a nested build behaves like one typed in a fresh shell.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> CleanDotnetVariables()
    {
        var variables = new Dictionary<string, string?>();
        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
                variables[name] = null;
        }
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        return variables;
    }

    private static string Metadata(string key) =>
        typeof(BuildEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
