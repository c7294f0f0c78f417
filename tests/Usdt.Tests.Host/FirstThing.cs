using System;
using System.IO;
using Usdt.Platform;
using Usdt.Weaving;

namespace Usdt.Tests.Host;

/// <summary>
/// <c>first-thing TABLE-FILE DIRECTORY STEM</c>: registers the table from the library built
/// for it in DIRECTORY as the first thing the process does, as a woven application's module
/// initializer does, then prints one line: the placement, <c>icu</c> or <c>no-icu</c> (whether
/// the ICU libraries are mapped), and the loaded assemblies, sorted and comma-separated.
/// </summary>
internal static class FirstThing
{
    public static int Run(string[] args)
    {
        string table = File.ReadAllText(args[1]);
        ProbeRegistration registration = WovenProbes.Register(table, "first-thing", new ModuleLibrary(args[3], [args[2]]));
        Print(registration.Placement + "\t" + Loaded());
        return 0;
    }

    // Apart: compiling Run must not load System.Console before the registration is counted.
    private static void Print(string line) => Console.WriteLine(line);

    // No collection types here either, and looked at before anything is formatted.
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
}
