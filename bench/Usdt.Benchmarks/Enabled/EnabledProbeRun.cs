using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using Usdt.Benchmarks.Subjects;

namespace Usdt.Benchmarks.Enabled;

/// <summary>
/// The C# side of the enabled-probe comparison: registers the probes, names their
/// libraries in a ready file for the tracer script, waits until a tracer has raised every
/// semaphore, then times each fire loop. Same protocol as the C baselines (bench/native).
/// </summary>
internal static partial class EnabledProbeRun
{
    public static int Run(CommandOptions options)
    {
        string ready = options.Required("ready");
        string output = options.Required("out");
        long iterations = options.Number("iterations", 200_000);
        int repeats = (int)options.Number("repeats", 7);
        double waitSeconds = options.Number("wait-seconds", 60);

        ProbeRegistration api = ApiProbeSubject.Registration;
        if (!api.IsActive)
        {
            Console.Error.WriteLine($"enabled: probes not registered: {api}");
            return 1;
        }
        // One line per probe, "probe PROVIDER NAME FILE", as the C baselines write it;
        // renamed into place so the script never reads half a file.
        var lines = new StringBuilder();
        lines.Append($"probe {ApiProbeSubject.Provider} {ApiProbeSubject.Fire2.Name} {api.LibraryPath}\n");

        List<Func<bool>> attached = [() => ApiProbeSubject.Fire2.IsEnabled];
        string? wovenProblem = null;
        AddWovenProbes(lines, attached, ref wovenProblem);
        if (wovenProblem is not null)
        {
            Console.Error.WriteLine($"enabled: {wovenProblem}");
            return 1;
        }
        File.WriteAllText(ready + ".tmp", lines.ToString());
        File.Move(ready + ".tmp", ready, overwrite: true);

        if (!WaitAttached(attached, waitSeconds))
        {
            Console.Error.WriteLine($"enabled: no tracer attached within {waitSeconds} s");
            return 75;
        }

        using var writer = new StreamWriter(output);
        var timer = new LoopTimer(iterations, repeats, writer);
        timer.Measure("cs_api_fire2", $"{ApiProbeSubject.Provider}:fire2", FireLoops.ApiFire2);
        MeasureWoven(timer);
        return 0;
    }

    /// <summary>Names the real woven probes in the ready file and adds their enabled checks (EnabledProbeRun.Woven.cs).</summary>
    static partial void AddWovenProbes(StringBuilder ready, List<Func<bool>> attached, ref string? problem);

    /// <summary>Times the loops over the real woven probes (EnabledProbeRun.Woven.cs).</summary>
    static partial void MeasureWoven(LoopTimer timer);

    private static bool WaitAttached(List<Func<bool>> attached, double seconds)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (attached.TrueForAll(isEnabled => isEnabled()))
                return true;
            Thread.Sleep(1);
        }
        return false;
    }
}
