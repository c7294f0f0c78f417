using System;
using System.Diagnostics;
using System.IO;
using Usdt.Platform;
using Usdt.Weaving;

namespace Usdt.Tests.Host;

/// <summary>
/// <c>first-thing TABLE-FILE STEM [DIRECTORY]</c>: registers the table as the first thing the
/// process does, as a woven application's module initializer does: through the public entry
/// point, which looks for <c>STEM.usdt.ARCH.so</c> beside this assembly, or, given DIRECTORY,
/// from the library built there. Then prints one line: the milliseconds the registration
/// took, the placement, <c>icu</c> or <c>no-icu</c> (whether the ICU libraries are mapped),
/// and the loaded assemblies, sorted and comma-separated. <c>scripts/bench</c> times a
/// ReadyToRun publish of it; <c>FirstUseTests</c> checks what it loads.
/// </summary>
internal static class FirstThing
{
    public static int Run(string[] args)
    {
        string table = File.ReadAllText(args[1]);
        long start = Stopwatch.GetTimestamp();
        ProbeRegistration registration = args.Length > 3
            ? WovenProbes.Register(table, "first-thing", new ModuleLibrary(args[2], [args[3]]))
            : WovenProbes.Register(table, "first-thing", typeof(FirstThing).TypeHandle, args[2]);
        long end = Stopwatch.GetTimestamp();
        string loaded = Loaded(); // before the time is formatted, which names a culture
        Print(Milliseconds(end - start) + "\t" + registration.Placement + "\t" + loaded);
        return registration.Placement == ProbePlacement.BuiltLibrary ? 0 : 1;
    }

    // Looked at before anything is formatted, with no collection type: nothing here may load
    // what the registration is checked for.
    private static string Loaded()
    {
        bool icu = File.ReadAllText("/proc/self/maps").Contains("libicu", StringComparison.Ordinal);
        System.Reflection.Assembly[] assemblies = AppDomain.CurrentDomain.GetAssemblies();
        var names = new string[assemblies.Length];
        for (int i = 0; i < names.Length; i++)
            names[i] = assemblies[i].GetName().Name ?? "?";
        Array.Sort(names, StringComparer.Ordinal);
        return (icu ? "icu" : "no-icu") + "\t" + string.Join(",", names);
    }

    // Apart, as Print: compiling Run must not load what formatting and the console need.
    private static string Milliseconds(long ticks) =>
        (ticks * 1000.0 / Stopwatch.Frequency).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static void Print(string line) => Console.WriteLine(line);
}
