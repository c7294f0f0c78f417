using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Microsoft.Win32.SafeHandles;
using Usdt.Contract;
using Usdt.Elf;
using Usdt.Platform;
using Usdt.Platform.Linux;
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

        ProbeTableParser.TryParse(table, out List<ProbeSpec> specs, out _);
        Step("parse the probe table, first call");
        ulong hash = ProbeTableText.Hash(table);
        Step("hash the probe table");
        ProbeLibraryImage image = ElfWriter.Write(specs, ElfArchitecture.X64, hash);
        Step("write the ELF image, first call");
        ElfWriter.Write(specs, ElfArchitecture.X64, hash);
        Step("write the ELF image, second call");

        // What the Linux backend does, step by step, in a directory of its own.
        UsdtSettings settings = UsdtSettings.FromEnvironment();
        IReadOnlyList<string> directories = DirectoryCandidates.For(settings);
        Step("read settings, list candidate directories");
        _ = new LibraryPlacement(directories, allowMemoryFile: true);
        Step("placement: exit handler");
        PrivateDirectory directory = PrivateDirectory.Open(directories[0], out string why) ?? throw new IOException(why);
        Step("open the directory, check it is private");
        StaleLibraries.Remove(directory);
        Step("remove stale libraries");
        string file = $"usdt-breakdown-{Environment.ProcessId}.so";
        int fd = LibC.OpenAt(directory.Handle, file, LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0x180);
        LibC.Flock(fd, LibC.LOCK_EX);
        RandomAccess.Write(new SafeFileHandle(fd, ownsHandle: false), image.Bytes, 0);
        Step("create, lock and write the file");
        DescriptorLoad.Load(fd, image.AnchorSymbol, image.Identity.TextAddress, image.BuildId, out _);
        Step("dlopen, dlsym, confirm the mapping");
        LibC.UnlinkAt(directory.Handle, file, 0);

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
