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
/// With <c>--libraries DIR</c> the steps are those of a library built beside the assembly
/// (found in DIR), without it those of a generated one; <c>--in-app</c> first does what an
/// application has done before (<see cref="ApplicationStartUp"/>). Writes one "step, ms" line per step.
/// </summary>
internal static class ColdStartBreakdown
{
    public const string ChildCommand = "startup-parts-child";

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static int RunChild(CommandOptions options)
    {
        int count = (int)options.Number("probes", 1000);
        string table = RegistrationTiming.Table(count);
        if (options.Has("in-app"))
            ApplicationStartUp.Simulate();
        var steps = new Steps();
        int exitCode = options.Optional("libraries") is { } libraries
            ? Built(table, libraries, steps.Step)
            : Generated(table, steps.Step);
        if (exitCode == 0)
            steps.Print();
        return exitCode;
    }

    /// <summary>Step by step what registration from a built library does (<see cref="BuiltLibrary"/>).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static int Built(string table, string libraries, Action<string> Step)
    {
        _ = typeof(WovenProbes).TypeHandle;
        Step("load Usdt.dll");
        int count = ProbeTableParser.CountLines(table);
        Step("count lines");
        ulong hash = ProbeTableText.Hash(table);
        Step("hash the probe table");
        ProbeTableParser.TryParseFirst(table, out ProbeSpec? first, out _);
        Step("parse the first line");
        UsdtSettings settings = UsdtSettings.FromEnvironment();
        Step("read settings");
        string path = Path.Combine(libraries, ProbeLibraryFiles.ForModule(RegistrationTiming.Stem, ElfArchitecture.X64));
        Step("name the file");
        int fd = LibC.OpenAt(LibC.AT_FDCWD, path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        Step("open");
        LibC.StatxOf(fd, out LibC.Statx status);
        Step("statx");
        byte[] head = new byte[4096];
        LibC.ReadFully(fd, head, 0);
        Step("read the headers");
        long length = (long)status.Size;
        LibraryIdentity identity = ProbeLibraryCheck.Verify(new ElfReader(head, length), at => FileBuildId.IsStoredIn(fd, length, head, (int)at),
            ElfArchitecture.X64, hash, count, out string problem) ?? throw new InvalidDataException(problem);
        Step("check it, build-id included");
        FileBuildId.IsStoredIn(fd, length, head, ElfWriter.BuildIdDescriptorOffset);
        Step("build-id again");
        byte[] buildId = BuildId.At(head, ElfWriter.BuildIdDescriptorOffset);
        if (DescriptorLoad.Load(fd, ProbeSymbolNames.StubOfFirst(first!.Provider, first.Name), identity.TextAddress, buildId, out string why) == 0)
            throw new InvalidDataException(why);
        Step("dlopen, dlsym, confirm the mapping");

        var module = new ModuleLibrary(RegistrationTiming.Stem, [libraries]);
        ProbeRegistration registration = WovenProbes.Register(table, "startup", module);
        Step("Register, first call: all of the above again, first use of what is left");
        WovenProbes.Register(table, "startup", module);
        Step("Register, second call");
        return registration.Placement == ProbePlacement.BuiltLibrary ? 0 : Fail(registration);
    }

    /// <summary>Step by step what registration of a generated library does (<see cref="LibraryPlacement"/>).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static int Generated(string table, Action<string> Step)
    {

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
        return first.IsActive ? 0 : Fail(first);
    }

    private static int Fail(ProbeRegistration registration)
    {
        Console.Out.WriteLine($"registration not as measured: {registration}");
        return 1;
    }

    /// <summary>
    /// Named times, each since the previous step. Plain arrays, filled in place: a generic
    /// collection of tuples would be compiled at its first use, inside the first step.
    /// </summary>
    private sealed class Steps
    {
        private readonly string[] _names = new string[32];
        private readonly long[] _ticks = new long[32];
        private int _count;
        private long _start = Stopwatch.GetTimestamp();

        public void Step(string name)
        {
            long now = Stopwatch.GetTimestamp();
            _names[_count] = name;
            _ticks[_count++] = now - _start;
            _start = Stopwatch.GetTimestamp();
        }

        public void Print()
        {
            for (int i = 0; i < _count; i++)
                Console.Out.WriteLine($"{_names[i]}\t{(_ticks[i] * 1000.0 / Stopwatch.Frequency).ToString("0.###", CultureInfo.InvariantCulture)}");
        }
    }
}
