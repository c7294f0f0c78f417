using System;
using System.Diagnostics;
using System.IO;
using Usdt;
using Usdt.Weaving;

namespace Usdt.Benchmarks.FirstThing;

/// <summary>
/// Registration as a woven application's module initializer runs it: the first thing the
/// process does, through the public entry point, finding the built library beside this
/// program's assembly (<c>Startup.usdt.x64.so</c>, put there by <c>scripts/bench</c>). Nothing
/// else runs before it but reading the table, so it pays every first use the framework
/// charges. Prints the milliseconds, where the probes went, whether the ICU libraries were
/// loaded, and the assemblies loaded (both looked at after the timing).
/// </summary>
/// <remarks>
/// Usage: <c>Usdt.Benchmarks.FirstThing TABLE-FILE</c> (the table the library was written
/// for: <c>startup-libraries/1000/table.txt</c> of <c>Usdt.Benchmarks startup</c>).
/// </remarks>
internal static class Program
{
    /// <summary>
    /// What the registration made the process load, looked at after the timing: ICU (any
    /// culture named loads it) and the framework's assemblies, facades included. Kept apart
    /// and free of collection types, so that none of it is loaded before the timing.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
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

    private static int Main(string[] args)
    {
        string table = File.ReadAllText(args[0]);
        long start = Stopwatch.GetTimestamp();
        ProbeRegistration registration = WovenProbes.Register(table, "first-thing", typeof(Program).TypeHandle, "Startup");
        long end = Stopwatch.GetTimestamp();
        string loaded = Loaded(); // first: formatting the time names a culture
        Console.WriteLine(((end - start) * 1000.0 / Stopwatch.Frequency).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
            + "\t" + registration.Placement + "\t" + loaded);
        return registration.Placement == ProbePlacement.BuiltLibrary ? 0 : 1;
    }
}
