using System;
using System.Collections.Concurrent;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// tests/AssemblyToProcess woven once per configuration with an empty &lt;Usdt /&gt;
/// (attributes select), shared by every test that only reads or runs it.
/// </summary>
internal static class WovenAssemblies
{
    private static readonly ConcurrentDictionary<BuildConfiguration, Lazy<WeaveRun>> s_runs = new();
    private static readonly ConcurrentDictionary<BuildConfiguration, Lazy<LoadedWoven>> s_loaded = new();

    public static WeaveRun AssemblyToProcess(BuildConfiguration configuration) =>
        s_runs.GetOrAdd(configuration, c => new Lazy<WeaveRun>(() =>
            WeaveRun.Weave(Inputs.AssemblyToProcess(c), folder: "shared_" + c).EnsureNoErrors())).Value;

    /// <summary>The shared woven copy, loaded and registered (its module initializer ran).</summary>
    public static LoadedWoven Loaded(BuildConfiguration configuration) =>
        s_loaded.GetOrAdd(configuration, c => new Lazy<LoadedWoven>(() => LoadedWoven.Load(AssemblyToProcess(c).OutputPath))).Value;
}
