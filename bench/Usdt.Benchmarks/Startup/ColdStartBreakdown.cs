using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Usdt.Elf;
using Usdt.Weaving;

namespace Usdt.Benchmarks.Startup;

/// <summary>
/// Where a cold registration's time goes: in a fresh process, the first use of each thing
/// <see cref="WovenProbes.Register"/> relies on, timed one after the other, then the
/// registration itself (whose shared first-use costs are then already paid) and a repeat.
/// Writes one "step, ms" line per step.
/// </summary>
internal static class ColdStartBreakdown
{
    public const string ChildCommand = "startup-parts-child";

    public static int RunChild(CommandOptions options)
    {
        int count = (int)options.Number("probes", 1000);
        string table = RegistrationTiming.Table(count);
        var steps = new List<(string, double)>();
        long start = Stopwatch.GetTimestamp();
        void Step(string name)
        {
            steps.Add((name, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
            start = Stopwatch.GetTimestamp();
        }

        WovenProbes.TryParse(table, out List<ProbeSpec> specs, out _);
        Step("parse the probe table, first call");
        ElfWriter.Write(specs, ElfArchitecture.X64);
        Step("write the ELF image, first call (JIT)");
        ElfWriter.Write(specs, ElfArchitecture.X64);
        Step("write the ELF image, second call");
        ProbeRegistration first = WovenProbes.Register(table, "startup");
        Step("Register, first call: the rest (placement, dlopen) plus a third ELF write");
        WovenProbes.Register(table, "startup");
        Step("Register, second call");
        if (!first.IsActive)
        {
            Console.Out.WriteLine($"registration inactive: {first.Reason}");
            return 1;
        }
        foreach ((string name, double ms) in steps)
            Console.Out.WriteLine($"{name}\t{ms.ToString("0.###", CultureInfo.InvariantCulture)}");
        return 0;
    }
}
