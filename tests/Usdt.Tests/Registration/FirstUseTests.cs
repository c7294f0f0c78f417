using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Registration;

/// <summary>
/// Registration from a built library may be the very first thing a process does (a woven
/// main assembly registers in its module initializer), and every first use it makes of the
/// framework is paid then: a culture named anywhere loads the ICU libraries (5 ms), a list
/// or a native-library call loads a facade assembly (0.3-0.5 ms each). It makes none.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FirstUseTests
{
    [Fact]
    public void RegistrationAsTheFirstThingLoadsNoFrameworkAssemblyAndNoIcu()
    {
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("first"));
        string table = Path.Combine(folder.Directory, "table.txt");
        File.WriteAllText(table, folder.Table);

        string[] line = RunHost("first-thing", table, folder.Stem, folder.Directory).Split('\t');

        Assert.Equal("BuiltLibrary", line[1]);
        Assert.Equal("no-icu", line[2]);
        Assert.Equal(["System.Private.CoreLib", "System.Runtime", "Usdt", "Usdt.Tests.Host"], line[3].Split(','));
    }

    /// <summary>Runs the test host with <paramref name="arguments"/> and ICU available to it; returns its one line of output.</summary>
    private static string RunHost(params string[] arguments)
    {
        string dll = typeof(FirstUseTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "UsdtTestsHost").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // An application's default: culture data through ICU, which a culture named anywhere loads.
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("USDT_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        using Process host = Process.Start(start)!;
        string error = host.StandardError.ReadToEndAsync().Result;
        string output = host.StandardOutput.ReadToEnd();
        host.WaitForExit();
        Assert.True(host.ExitCode == 0, $"host exited {host.ExitCode}: {error}");
        return output.Trim();
    }
}
