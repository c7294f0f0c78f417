using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Usdt.Contract;
using Usdt.Elf;
using Usdt.Platform;
using Usdt.Weaving;

namespace Usdt.Benchmarks.Startup;

/// <summary>
/// Start-up cost of a woven module: its registration for 10, 1,000 and 10,000 probes, in
/// both ways it can go. <i>built</i>: the library the build wrote beside the assembly is
/// found, read, checked and loaded; <i>generated</i>: there is none, so the table is parsed,
/// the ELF written to a new file, loaded. "Cold" is the first registration of a fresh
/// process (what an application pays at start, JIT of the runtime's code included), the
/// fastest of several processes; "warm" repeats it in the same process. Parsing and ELF
/// generation are timed apart. Timed with Stopwatch, not BenchmarkDotNet: a cold start
/// happens once per process by definition. <c>--child-exe</c> runs the processes from
/// another build of this program: scripts/bench passes a ReadyToRun publish, which
/// precompiles Usdt.dll as a user's R2R app would.
/// Writes: build label/way, probes, cold ms, warm ms, parse ms, ELF ms, library bytes.
/// </summary>
internal static class RegistrationTiming
{
    public const string ChildCommand = "startup-child";
    private static readonly int[] ProbeCounts = [10, 1_000, 10_000];
    // built-in-app: the built library again, in a process that has first done what any
    // application does before its first woven method runs (ApplicationStartUp).
    private static readonly string[] Ways = ["built", "built-in-app", "generated"];
    private const int Processes = 5;
    public const string Stem = "Startup";

    public static int Run(CommandOptions options)
    {
        string output = options.Required("out");
        string? executable = options.Optional("child-exe");
        string label = options.Optional("label") ?? "jit";
        using var writer = new StreamWriter(output, append: true);
        string libraries = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "startup-libraries");
        foreach ((int count, string way) in ProbeCounts.SelectMany(count => Ways.Select(way => (count, way))))
        {
            // What the build leaves beside a woven assembly: the library of its table.
            string directory = Path.Combine(libraries, count.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            string table = Table(count);
            ProbeTableParser.TryParse(table, out List<ProbeSpec> specs, out _);
            File.WriteAllBytes(Path.Combine(directory, ProbeLibraryFiles.ForModule(Stem, ElfArchitecture.X64)),
                ElfWriter.Write(specs, ElfArchitecture.X64, ProbeTableText.Hash(table)).Bytes);
            // The table too, for the test host's first-thing mode, which registers it with nothing before (scripts/bench).
            File.WriteAllText(Path.Combine(directory, "table.txt"), table);

            var rows = new List<double[]>();
            for (int p = 0; p < Processes; p++)
            {
                (int exitCode, string line) = SelfProcess.Run([ChildCommand, "--probes", count.ToString(CultureInfo.InvariantCulture), "--way", way, "--libraries", directory], executable: executable);
                if (exitCode != 0)
                {
                    Console.Error.WriteLine($"startup: child for {count} probes failed: {line}");
                    return 1;
                }
                rows.Add(line.Trim().Split('\t').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
            }
            // Column-wise, the fastest process: on a shared machine, load from other
            // processes only ever adds time.
            var fastest = Enumerable.Range(0, rows[0].Length).Select(c => rows.Min(r => r[c]));
            writer.WriteLine($"{label}/{way}\t" + string.Join('\t', fastest.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))));
        }
        string results = Path.GetDirectoryName(Path.GetFullPath(output))!;
        string builtLibrary = Path.Combine(libraries, 1_000.ToString(CultureInfo.InvariantCulture));
        int failed = Breakdown(Path.Combine(results, $"startup-parts-{label}.tsv"), executable, []);
        failed = failed != 0 ? failed : Breakdown(Path.Combine(results, $"startup-parts-built-{label}.tsv"), executable, ["--libraries", builtLibrary]);
        return failed != 0 ? failed : Breakdown(Path.Combine(results, $"startup-parts-built-in-app-{label}.tsv"), executable, ["--libraries", builtLibrary, "--in-app"]);
    }

    /// <summary>The cold start of 1,000 probes taken apart (<see cref="ColdStartBreakdown"/>), fastest process per step.</summary>
    private static int Breakdown(string output, string? executable, string[] way)
    {
        var samples = new Dictionary<string, List<double>>();
        var order = new List<string>();
        for (int p = 0; p < Processes; p++)
        {
            (int exitCode, string text) = SelfProcess.Run([ColdStartBreakdown.ChildCommand, "--probes", "1000", .. way], executable: executable);
            if (exitCode != 0)
            {
                Console.Error.WriteLine($"startup: breakdown child failed: {text}");
                return 1;
            }
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] fields = line.Split('\t');
                if (!samples.TryGetValue(fields[0], out List<double>? values))
                {
                    samples[fields[0]] = values = [];
                    order.Add(fields[0]);
                }
                values.Add(double.Parse(fields[1], CultureInfo.InvariantCulture));
            }
        }
        File.WriteAllLines(output, order.Select(step => $"{step}\t{samples[step].Min().ToString("0.###", CultureInfo.InvariantCulture)}"));
        return 0;
    }

    public static int RunChild(CommandOptions options)
    {
        int count = (int)options.Number("probes", 1000);
        string way = options.Required("way");
        bool built = way.StartsWith("built", StringComparison.Ordinal);
        if (way == "built-in-app")
            ApplicationStartUp.Simulate();
        var module = new ModuleLibrary(Stem, [options.Required("libraries")]);
        string table = Table(count);
        ProbeRegistration Register() => built ? WovenProbes.Register(table, "startup", module) : WovenProbes.Register(table, "startup");

        // Called directly, not through Register(): this program is not precompiled, and
        // compiling a helper of its own must not count as registration.
        long start = Stopwatch.GetTimestamp();
        ProbeRegistration first = built ? WovenProbes.Register(table, "startup", module) : WovenProbes.Register(table, "startup");
        double cold = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!first.IsActive || (first.Placement == ProbePlacement.BuiltLibrary) != built)
        {
            Console.Out.WriteLine($"registration not as measured: {first}");
            return 1;
        }

        int repeats = count >= 10_000 ? 10 : 30;
        double warm = Median(repeats, () => Register());
        List<ProbeSpec> specs = [];
        double parse = Median(repeats, () => ProbeTableParser.TryParse(table, out specs, out _));
        ulong hash = ProbeTableText.Hash(table);
        double elf = Median(repeats, () => ElfWriter.Write(specs, ElfArchitecture.X64, hash));
        long bytes = new FileInfo(first.LibraryPath!).Length;

        Console.Out.WriteLine(string.Join('\t', new double[] { count, cold, warm, parse, elf, bytes }
            .Select(v => v.ToString("0.####", CultureInfo.InvariantCulture))));
        return 0;
    }

    /// <summary>A table as the weaver writes it: entry and return probes of distinct methods, typical names and arguments.</summary>
    public static string Table(int count)
    {
        var table = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
                table.Append('\n');
            int method = i / 2;
            table.Append(i % 2 == 0
                ? $"startup:OrderService{method % 97}__PlaceOrder{method}__entry:is"
                : $"startup:OrderService{method % 97}__PlaceOrder{method}__return:ils");
        }
        return table.ToString();
    }

    private static double Median(int repeats, Action action)
    {
        var samples = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Median(samples);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }
}
