using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Fody;
using Mono.Cecil;
using Usdt.Fody;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// Builds a variant's directory: the workloads assembly and everything it references from
/// this program's output folder, with the libraries' assemblies replaced by copies woven
/// with the variant's configuration (FodyHelpers' <c>ExecuteTestRun</c>, as the weaver's
/// tests weave), and beside them what the build would ship: the manifests and probe libraries.
/// </summary>
internal static class VariantBuilder
{
    private const string Workloads = "Usdt.Benchmarks.Wholesale.Workloads";

    /// <summary>
    /// Every assembly the variants weave: the libraries the workloads run (NCalc's parser
    /// carries Parlot inside; its dependency ExtendedNumerics.BigDecimal is left as it is).
    /// </summary>
    public static readonly string[] WovenAssemblies = ["Jint.dll", "Acornima.dll", "NCalc.Core.dll", "NCalc.Domain.dll", "NCalc.Parser.dll"];

    public static List<WeaveStatistics> Build(Variant variant, string directory)
    {
        string source = AppContext.BaseDirectory;
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        // Usdt.dll too, for the weaver to resolve: the variant's load context leaves it to the default one.
        foreach (string file in Closure(source, Workloads + ".dll").Append("Usdt.dll"))
            File.Copy(Path.Combine(source, file), Path.Combine(directory, file));

        var statistics = new List<WeaveStatistics>();
        if (!variant.IsWoven)
            return statistics;
        foreach (string assembly in WovenAssemblies)
        {
            // Woven in place: the weaver writes the manifest and the probe libraries (the
            // module's, and with generic probes the pair's) beside its input, as a build does.
            string input = Path.Combine(directory, assembly);
            (string output, WeaveCost cost) = Weave(input, variant);
            cost.MeasureAftermath();
            File.Copy(output, input, overwrite: true);
            // FodyHelpers writes its output into a folder under the input's: remove it.
            string relative = Path.GetRelativePath(directory, Path.GetDirectoryName(output)!);
            if (relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                Directory.Delete(Path.Combine(directory, relative.Split(Path.DirectorySeparatorChar)[0]), recursive: true);
            statistics.Add(WeaveStatistics.Measure(variant.Name, Path.Combine(source, assembly), input, Path.ChangeExtension(input, ".usdt.txt"), cost));
        }
        return statistics;
    }

    private static (string Output, WeaveCost Cost) Weave(string input, Variant variant)
    {
        var weaver = new ModuleWeaver { Config = XElement.Parse(variant.Configuration!) };
        var cost = new WeaveCost();
        TestResult result = weaver.ExecuteTestRun(
            input,
            runPeVerify: false,
            beforeExecuteCallback: _ => cost.Start(),
            afterExecuteCallback: _ => cost.Stop(),
            writeSymbols: false,
            folderName: "woven");
        if (result.Errors.Count > 0)
            throw new InvalidOperationException($"weaving {Path.GetFileName(input)} ({variant.Name}) failed:\n" + string.Join("\n", result.Errors.Take(20).Select(e => e.Text)));
        return (result.AssemblyPath, cost);
    }

    /// <summary>The file names of <paramref name="root"/> and of every assembly it references, directly or not, found in <paramref name="directory"/>.</summary>
    private static IEnumerable<string> Closure(string directory, string root)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out string? file))
        {
            if (!File.Exists(Path.Combine(directory, file)) || !found.Add(file))
                continue;
            using ModuleDefinition module = ModuleDefinition.ReadModule(Path.Combine(directory, file));
            foreach (AssemblyNameReference reference in module.AssemblyReferences)
                pending.Push(reference.Name + ".dll");
        }
        return found;
    }
}
