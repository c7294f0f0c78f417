using System.Linq;
using System.Reflection;
using Usdt.Fody.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Usdt.Fody.Tests.Injection;

/// <summary>Every woven method, state machines and the generated probe table included, JIT-compiles in Debug and Release builds.</summary>
public sealed class JitTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void EveryWovenMethodJitCompilesWithGenericInstantiations(BuildConfiguration configuration)
    {
        WeaveRun run = WovenAssemblies.AssemblyToProcess(configuration);
        Assembly woven = IsolatedLoadContext.LoadAlone(run.OutputPath, collectible: true);

        JitReport report = JitCompiler.CompileAll(woven);

        output.WriteLine($"{configuration}: {report.Methods} methods, {report.Compilations} compilations");
        foreach (string failure in report.Failures.Concat(report.NotInstantiable))
            output.WriteLine(failure);
        Assert.Empty(report.Failures);
        Assert.Empty(report.NotInstantiable);
        Assert.True(report.Methods > 300, $"only {report.Methods} methods compiled");
        // The generic shapes really were instantiated more than once.
        Assert.True(report.Compilations > report.Methods + 50, $"{report.Compilations} compilations for {report.Methods} methods");
    }

    [Theory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void EveryAsyncStateMachineOfTheWovenAssemblyJitCompiles(BuildConfiguration configuration)
    {
        Assembly woven = IsolatedLoadContext.LoadAlone(WovenAssemblies.AssemblyToProcess(configuration).OutputPath, collectible: true);

        JitReport report = JitCompiler.CompileAll(woven, m => m.Name == "MoveNext" && m.DeclaringType!.Name.Contains('<'));

        Assert.Empty(report.Failures);
        // Debug makes classes, Release structs: both kinds are here and both were compiled.
        bool structs = woven.GetTypes().Any(t => t.Name.Contains(">d__") && t.IsValueType);
        Assert.Equal(configuration == BuildConfiguration.Release, structs);
        Assert.True(report.Compilations >= 20, $"{report.Compilations} state machines compiled");
    }
}
