using System.Linq;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Elf;

/// <summary>binutils' readelf reads the notes of a library the runtime registered, exactly as sys/sdt.h would have written them.</summary>
public sealed class ReadelfNotesTests(EveryKindLibrary library) : IClassFixture<EveryKindLibrary>
{
    [SkippableFact]
    public void ReadelfListsEveryProbeWithProviderNameAndArgumentSpec()
    {
        Requires.Met(TracerRequirements.Readelf());

        var notes = Readelf.Notes(library.Path);

        Assert.Equal(library.ExpectedSpecs.Select(e => e.Probe.Name), notes.Select(n => n.Name));
        Assert.All(notes, note => Assert.Equal(library.Provider.Name, note.Provider));
        foreach ((Probe probe, string spec) in library.ExpectedSpecs)
            Assert.Equal(spec, notes.Single(n => n.Name == probe.Name).ArgumentSpec);
    }

    [SkippableFact]
    public void EveryNotePointsAtItsOwnStubAndSemaphoreSymbols()
    {
        Requires.Met(TracerRequirements.Readelf());

        var symbols = Readelf.DynamicSymbols(library.Path);
        var sections = Readelf.Sections(library.Path);
        foreach (SdtNote note in Readelf.Notes(library.Path))
        {
            string stem = $"{note.Provider}_{note.Name}";
            DynamicSymbol stub = symbols[$"usdt_{stem}"];
            DynamicSymbol semaphore = symbols[$"{stem}_semaphore"];
            Assert.Equal(("FUNC", "GLOBAL"), (stub.Type, stub.Binding));
            Assert.Equal(("OBJECT", "GLOBAL", 2L), (semaphore.Type, semaphore.Binding, semaphore.Size));
            Assert.Equal(stub.Value, note.Location);
            Assert.Equal(semaphore.Value, note.Semaphore);
            Assert.Equal(sections[".stapsdt.base"].Address, note.Base);
            Assert.InRange(note.Location, sections[".text"].Address, sections[".text"].Address + sections[".text"].Size - 1);
            Assert.InRange(note.Semaphore, sections[".probes"].Address, sections[".probes"].Address + sections[".probes"].Size - 2);
        }
        Assert.Equal(4, Readelf.Notes(library.Path).Select(n => n.Semaphore).Distinct().Count());
    }

    [SkippableFact]
    public void ProbeAddressesAreTheNotesAddressesInTheLoadedLibrary()
    {
        Requires.Met(TracerRequirements.Readelf());

        var notes = SdtNotes.ByName(library.Path);
        // One load base for the whole file: what the note says plus where it was mapped.
        nint loadBase = library.Small.StubAddress - (nint)notes["small"].Location;
        foreach ((Probe probe, _) in library.ExpectedSpecs)
        {
            Assert.Equal(loadBase + (nint)notes[probe.Name].Location, probe.StubAddress);
            Assert.Equal(loadBase + (nint)notes[probe.Name].Semaphore, probe.SemaphoreAddress);
        }
    }

    [SkippableFact]
    public void ReadelfShowsAGnuBuildId()
    {
        Requires.Met(TracerRequirements.Readelf());

        Assert.Matches(new Regex(@"NT_GNU_BUILD_ID.*\n\s+Build ID: [0-9a-f]{40}\n"), Readelf.Run("-n", library.Path));
    }
}
