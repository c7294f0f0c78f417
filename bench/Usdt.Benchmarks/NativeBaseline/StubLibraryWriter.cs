using System.IO;
using System.Linq;
using Usdt.Contract;
using Usdt.Elf;

namespace Usdt.Benchmarks.NativeBaseline;

/// <summary>
/// Writes the probe library of the C 5-byte-nop baseline (bench/native/nop5_probe.c) with
/// the runtime's own ELF writer, so the C program calls exactly the stub, note and
/// semaphore layout that managed probes get: the comparison then isolates the caller.
/// </summary>
internal static class StubLibraryWriter
{
    public static int Run(CommandOptions options)
    {
        ProbeSpec[] probes =
        [
            new("cnop5", "fire2", [ArgumentKind.Int64, ArgumentKind.Int64]),
            new("cnop5", "fire6", Enumerable.Repeat(ArgumentKind.Int64, 6).ToArray()),
        ];
        File.WriteAllBytes(options.Required("out"), ElfWriter.Write(probes, ElfArchitecture.X64, ProbeTableText.Hash(ProbeTableText.Of(probes))).Bytes);
        return 0;
    }
}
