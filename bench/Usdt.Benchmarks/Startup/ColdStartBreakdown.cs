using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Usdt.Elf;
using Usdt.Platform.Linux;
using Usdt.Registration;
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

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
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
        ProbeLibraryImage image = ElfWriter.Write(specs, ElfArchitecture.X64);
        Step("write the ELF image, first call");
        ElfWriter.Write(specs, ElfArchitecture.X64);
        Step("write the ELF image, second call");

        // What the Linux backend does, step by step, in a directory of its own.
        UsdtSettings settings = UsdtSettings.FromEnvironment();
        IReadOnlyList<string> directories = DirectoryCandidates.For(settings);
        Step("read settings, list candidate directories");
        _ = new LibraryPlacement(directories, allowMemoryFile: true);
        Step("placement: exit and signal handlers");
        PrivateDirectory.TryPrepare(directories[0], out _);
        Step("check the directory is private");
        _ = ProcessIdentity.Current;
        Step("this process's identity (/proc/self/stat)");
        StaleLibraries.Remove(directories[0]);
        Step("remove stale libraries");
        string path = Path.Combine(directories[0], $"usdt-breakdown-{Environment.ProcessId}.so");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            file.Write(image.Bytes);
        Step("write the file");
        NativeLibrary.TryLoad(path, out nint handle);
        NativeLibrary.GetExport(handle, image.AnchorSymbol);
        Step("dlopen and dlsym");
        File.Delete(path);

        ProbeRegistration first = WovenProbes.Register(table, "startup");
        Step("Register, first call: all of the above again, first use of what is left");
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
