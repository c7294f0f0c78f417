using System.Linq;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Elf;

/// <summary>
/// binutils' readelf <c>-lSd</c> on a registered library: the segment layout every tracer
/// relies on (virtual address equal to file offset, semaphores file-backed).
/// </summary>
public sealed class ReadelfSegmentsTests(EveryKindLibrary library) : IClassFixture<EveryKindLibrary>
{
    [SkippableFact]
    public void ThreeLoadSegmentsSitAtTheirFileOffsets()
    {
        Requires.Met(TracerRequirements.Readelf());

        var loads = Readelf.ProgramHeaders(library.Path).Where(h => h.Type == "LOAD").ToArray();

        Assert.Equal(3, loads.Length);
        Assert.All(loads, load =>
        {
            Assert.Equal(load.Offset, load.VirtualAddress);
            Assert.Equal(load.FileSize, load.MemorySize); // nothing lives beyond the file
            Assert.Equal(0, load.Offset % 0x1000);
        });
    }

    [SkippableFact]
    public void HeadersAreReadOnlyTextIsReadExecuteAndDataIsReadWrite()
    {
        Requires.Met(TracerRequirements.Readelf());

        var loads = Readelf.ProgramHeaders(library.Path).Where(h => h.Type == "LOAD").ToArray();
        var sections = Readelf.Sections(library.Path);

        Assert.Equal(["R", "RE", "RW"], loads.Select(l => l.Flags));
        Assert.Equal(sections[".text"].Offset, loads[1].Offset);
        Assert.Equal("AX", sections[".text"].Flags.Trim());
    }

    [SkippableFact]
    public void SemaphoresLieInTheFileBackedPartOfTheWritableSegment()
    {
        Requires.Met(TracerRequirements.Readelf());

        ProgramHeader data = Readelf.ProgramHeaders(library.Path).Single(h => h.Type == "LOAD" && h.Flags == "RW");
        SectionHeader probes = Readelf.Sections(library.Path)[".probes"];

        Assert.Equal("PROGBITS", probes.Type); // bytes in the file, not NOBITS
        Assert.Equal("WA", probes.Flags.Trim());
        Assert.Equal(2 * library.ExpectedSpecs.Length, probes.Size);
        Assert.InRange(probes.Offset, data.Offset, data.Offset + data.FileSize - probes.Size);
        Assert.All(Readelf.Notes(library.Path), note =>
            Assert.InRange(note.Semaphore, data.VirtualAddress, data.VirtualAddress + data.FileSize - 2));
    }

    [SkippableFact]
    public void DynamicSegmentListsHashSymbolsAndStrings()
    {
        Requires.Met(TracerRequirements.Readelf());

        ProgramHeader dynamic = Readelf.ProgramHeaders(library.Path).Single(h => h.Type == "DYNAMIC");
        var sections = Readelf.Sections(library.Path);
        string entries = Readelf.Run("-dW", library.Path);

        Assert.Equal(sections[".dynamic"].Offset, dynamic.Offset);
        Assert.Matches(new Regex($@"\(HASH\)\s+0x{sections[".hash"].Address:x}\b"), entries);
        Assert.Matches(new Regex($@"\(SYMTAB\)\s+0x{sections[".dynsym"].Address:x}\b"), entries);
        Assert.Matches(new Regex($@"\(STRTAB\)\s+0x{sections[".dynstr"].Address:x}\b"), entries);
        Assert.Matches(new Regex(@"\(SYMENT\)\s+24 \(bytes\)"), entries);
        Assert.Equal(2 * library.ExpectedSpecs.Length, Readelf.DynamicSymbols(library.Path).Count); // a stub and a semaphore per probe
    }

    [SkippableFact]
    public void NoteSegmentHoldsTheBuildIdThenTheUsdtIdentity()
    {
        Requires.Met(TracerRequirements.Readelf());

        ProgramHeader note = Readelf.ProgramHeaders(library.Path).Single(h => h.Type == "NOTE");
        SectionHeader buildId = Readelf.Sections(library.Path)[".note.gnu.build-id"];
        SectionHeader identity = Readelf.Sections(library.Path)[".note.usdt"];
        string notes = Readelf.Run("-n", "-W", library.Path);

        Assert.Equal((buildId.Offset, buildId.Size + identity.Size), (note.Offset, note.FileSize));
        Assert.Equal(buildId.Offset + buildId.Size, identity.Offset);
        Assert.Equal("R", note.Flags);
        // Type 1 of owner Usdt, 32 bytes starting with the contract version (readelf names type 1 by the core note it numbers).
        Assert.Matches(new Regex($@"Usdt\s+0x00000020\s.*description data: {Contract.ProbeContract.Version:x2} 00 00 00 "), notes);
    }

    [SkippableFact]
    public void StackIsNotExecutable()
    {
        Requires.Met(TracerRequirements.Readelf());

        ProgramHeader stack = Readelf.ProgramHeaders(library.Path).Single(h => h.Type == "GNU_STACK");

        Assert.Equal("RW", stack.Flags);
    }
}
