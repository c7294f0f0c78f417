using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// The cost of the generic <c>dotnet:method__entry</c>/<c>method__return</c> pair while a
/// tracer uses it: one process of a variant woven with generic probes times rounds of a
/// workload untraced, then (once a tracer has raised the pair's entry semaphore) traced,
/// then untraced again after the tracer left. The tracer is bench/scripts/generic-pair.sh's
/// business: this program names the pair's library in a ready file, waits for the
/// semaphore, and writes a done file when its traced rounds are over. With
/// <c>--raise-semaphore</c> it raises the semaphore itself and no tracer is needed: the
/// managed side of a traced call, the kernel's part left out. A tracer must attach
/// to one long-lived process, so the rounds are timed here, as the enabled-probe loops are,
/// not by BenchmarkDotNet.
/// Output lines: <c>phase \t round \t ms</c>, phase <c>before</c>, <c>traced</c> or <c>after</c>.
/// </summary>
internal static unsafe class TracedWorkload
{
    /// <summary>The pair's registration label: the file stem of its library.</summary>
    private const string PairLabel = "dotnet-methods";

    public static int Run(CommandOptions options)
    {
        string directory = options.Required("variant-dir");
        string workload = options.Required("workload");
        double scale = double.Parse(options.Optional("scale") ?? "1", CultureInfo.InvariantCulture);
        int rounds = (int)options.Number("rounds", 5);
        string ready = options.Required("ready");
        string output = options.Required("out");
        double waitSeconds = options.Number("wait-seconds", 300);
        // Raises the semaphore itself, with no tracer: the stub then runs as a plain nop and
        // ret, so the traced rounds cost the managed side alone (the kernel left out).
        bool raiseItself = options.Has("raise-semaphore");
        // A tracer may raise the semaphore before its probes are attached (bcc raises it when
        // it enables the probes, then compiles its BPF program for seconds): the script
        // creates this file once the tracer says it is tracing.
        string? attached = options.Optional("attached");

        VariantWorkload run = VariantWorkload.Load(directory, workload, scale);
        string check = run.Round();
        if (UsdtDiagnostics.Registrations.FirstOrDefault(r => r.Label == PairLabel) is not { IsActive: true } pair)
        {
            Console.Error.WriteLine($"traced: no active {PairLabel} registration in {directory} (a variant woven with GenericProbes?): " +
                string.Join("; ", UsdtDiagnostics.Registrations));
            return 1;
        }
        // The entry probe's semaphore comes first, the return probe's one stride after.
        var entry = (ushort*)pair.SemaphoreBase;

        // Tier-up first: call often enough, with quiet spells for the background compiler.
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 3; j++)
                Require(check, run.Round());
            Thread.Sleep(150);
        }

        using var writer = new StreamWriter(output);
        Time("before", run, rounds, check, writer);
        File.WriteAllText(ready + ".tmp", $"{Environment.ProcessId}\t{pair.LibraryPath}\n");
        File.Move(ready + ".tmp", ready, overwrite: true);
        if (raiseItself)
            (*entry)++;
        if (!WaitFor(() => *entry != 0 && (attached is null || File.Exists(attached)), waitSeconds))
        {
            Console.Error.WriteLine($"traced: no tracer raised dotnet:method__entry{(attached is null ? "" : $" and attached ({attached})")} within {waitSeconds} s");
            return 75;
        }
        Time("traced", run, rounds, check, writer);
        File.WriteAllText(ready + ".done", "");
        if (raiseItself)
            (*entry)--;
        if (!WaitFor(() => *entry == 0, waitSeconds))
        {
            Console.Error.WriteLine($"traced: the tracer did not leave within {waitSeconds} s");
            return 75;
        }
        Time("after", run, rounds, check, writer);
        return 0;
    }

    private static void Time(string phase, VariantWorkload run, int rounds, string check, StreamWriter writer)
    {
        for (int round = 1; round <= rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            string result = run.Round();
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Require(check, result);
            writer.WriteLine(FormattableString.Invariant($"{phase}\t{round}\t{ms:F3}"));
            writer.Flush();
        }
    }

    private static void Require(string expected, string result)
    {
        if (result != expected)
            throw new InvalidOperationException($"a round returned {result}, the first {expected}");
    }

    private static bool WaitFor(Func<bool> condition, double seconds)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
                return false;
            Thread.Sleep(1);
        }
        return true;
    }
}
