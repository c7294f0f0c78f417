using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Usdt.Contract;
using Usdt.Elf;
using Usdt.Tests.Tracers;
using Xunit;
using static Usdt.Contract.ArgumentKind;

namespace Usdt.Tests.Elf;

/// <summary>
/// The aarch64 image cannot be loaded here, so binutils' readelf checks it instead: the
/// header, the segments and every note, with AAPCS64 operands (x0..x7, then [sp, N]).
/// </summary>
public sealed class Arm64ImageTests
{
    [SkippableFact]
    public void Arm64ImagePassesReadelfWithRegisterAndStackOperands()
    {
        Requires.Met(TracerRequirements.Readelf());
        ProbeSpec[] probes =
        [
            new("arm", "mixed", [Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Utf8String]),
            new("arm", "twelve", Enumerable.Repeat(Int32, 12).ToArray()),
            new("arm", "none", []),
        ];
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("arm64.so");
        File.WriteAllBytes(path, ElfWriter.Write(probes, ElfArchitecture.Arm64, ProbeTableText.Hash(ProbeTableText.Of(probes))).Bytes);

        string header = Readelf.Run("-h", path);
        Assert.Matches(new Regex(@"Machine:\s+AArch64"), header);
        Assert.Matches(new Regex(@"Type:\s+DYN"), header);

        var loads = Readelf.ProgramHeaders(path).Where(h => h.Type == "LOAD").ToArray();
        Assert.Equal(["R", "RE", "RW"], loads.Select(l => l.Flags));
        Assert.All(loads, load =>
        {
            Assert.Equal(load.Offset, load.VirtualAddress);
            Assert.Equal(0, load.Offset % 0x10000); // 64 KiB pages: segments never share one
        });

        var notes = Readelf.Notes(path);
        Assert.Equal(["mixed", "twelve", "none"], notes.Select(n => n.Name));
        Assert.All(notes, n => Assert.Equal("arm", n.Provider));
        Assert.Equal("-1@x0 1@x1 -2@x2 2@x3 -4@x4 4@x5 -8@x6 8@x7 8@[sp, 0]", notes[0].ArgumentSpec);
        Assert.Equal("-4@x0 -4@x1 -4@x2 -4@x3 -4@x4 -4@x5 -4@x6 -4@x7 -4@[sp, 0] -4@[sp, 8] -4@[sp, 16] -4@[sp, 24]", notes[1].ArgumentSpec);
        Assert.Equal("", notes[2].ArgumentSpec);
    }
}
