using System;
using System.IO;
using System.Linq;
using Usdt.Elf;
using Usdt.Platform;
using Usdt.Platform.Linux;
using Usdt.Registration;
using Usdt.Tests.Tracers;
using Usdt.Weaving;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// A woven module's probe library written by the build: loaded as it is when it fits the
/// module, and otherwise (missing, stale, damaged, for another processor, impossible to
/// map, or refused by USDT_GENERATE) replaced by a library generated at start-up, with the
/// reason, and never called into before it was checked.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BuiltLibraryTests
{
    [SkippableFact]
    public void LibraryThatFitsIsLoadedFromWhereTheBuildPutIt()
    {
        Requires.Met(TracerRequirements.Readelf());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"));

        ProbeRegistration registration = folder.Register();

        Assert.True(registration.IsActive, registration.ToString());
        Assert.True(registration.Placement == ProbePlacement.BuiltLibrary, registration.ToString());
        Assert.Equal(folder.LibraryPath, registration.LibraryPath);
        Assert.Null(registration.Reason);
        Assert.Equal(folder.LibraryPath, ProcessMemory.MappedFile(registration.StubBase));
        Assert.Equal(folder.LibraryPath, ProcessMemory.MappedFile(registration.SemaphoreBase));
        // Every probe's stub and semaphore are where the library's notes say.
        var notes = Readelf.Notes(folder.LibraryPath);
        nint loadBase = registration.StubBase - (nint)notes[0].Location;
        for (int i = 0; i < notes.Count; i++)
        {
            Assert.Equal(registration.StubBase + i * ProbeRegistration.StubStride, loadBase + (nint)notes[i].Location);
            Assert.Equal(registration.SemaphoreBase + i * ProbeRegistration.SemaphoreStride, loadBase + (nint)notes[i].Semaphore);
        }
    }

    [SkippableFact]
    public void StaleLibraryOfAnEarlierBuildIsReplacedByAGeneratedOne()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"));
        // The app was rebuilt with another probe; the old library was copied back beside it.
        folder.Write(BuiltLibraryFolder.ProbeTable(folder.Provider, "a:i", "b:", "old:ls"), BackendRegistration.ThisArchitecture);

        AssertGenerated(folder, "stale: written for another probe table");
    }

    [SkippableFact]
    public void TruncatedLibraryIsReplacedByAGeneratedOne()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"));
        byte[] bytes = File.ReadAllBytes(folder.LibraryPath);
        File.WriteAllBytes(folder.LibraryPath, bytes[..(bytes.Length / 2)]);

        AssertGenerated(folder, "damaged");
    }

    [SkippableFact]
    public void LibraryWithAChangedByteIsReplacedByAGeneratedOne()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"));
        byte[] bytes = File.ReadAllBytes(folder.LibraryPath);
        bytes[^100] ^= 0x40; // in the section headers: still an ELF file, no longer the one written
        File.WriteAllBytes(folder.LibraryPath, bytes);

        AssertGenerated(folder, "damaged: its build-id does not match its bytes");
    }

    [SkippableFact]
    public void LibraryOfManyPiecesThatFitsIsLoaded()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"), ManyProbes());
        Assert.True(new FileInfo(folder.LibraryPath).Length > 4 * 32 * 1024, "the library spans several of the pieces it is read in");

        ProbeRegistration registration = folder.Register();

        Assert.True(registration.Placement == ProbePlacement.BuiltLibrary, registration.ToString());
        Assert.Equal(folder.LibraryPath, ProcessMemory.MappedFile(registration.StubBase));
    }

    // Read and hashed in pieces: a change in the first, a middle or the last piece is caught alike.
    [SkippableTheory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(0.9999)]
    public void LibraryWithAChangedByteInAnyPieceIsReplacedByAGeneratedOne(double where)
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"), ManyProbes());
        byte[] bytes = File.ReadAllBytes(folder.LibraryPath);
        bytes[(int)(bytes.Length * where)] ^= 0x01;
        File.WriteAllBytes(folder.LibraryPath, bytes);

        AssertGenerated(folder, "damaged: its build-id does not match its bytes");
    }

    [SkippableFact]
    public void LibraryForAnotherProcessorIsReplacedByAGeneratedOne()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"));
        ElfArchitecture other = ElfArchitecture.All.First(a => a != BackendRegistration.ThisArchitecture);
        folder.Write(folder.Table, other); // under this processor's name

        AssertGenerated(folder, "written for another processor");
    }

    [SkippableFact]
    public void MissingLibraryIsGeneratedAndTheReasonNamesWhereItWasLookedFor()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"));
        File.Delete(folder.LibraryPath);

        AssertGenerated(folder, "no built library", Path.GetFileName(folder.LibraryPath), folder.Directory);
    }

    [SkippableFact]
    public void LibraryThatCannotBeMappedIsReplacedByAGeneratedOne()
    {
        Requires.Met(TracerRequirements.Mount());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"));
        using var noexec = new TmpfsMount("noexec");
        File.Copy(folder.LibraryPath, Path.Combine(noexec.Path, Path.GetFileName(folder.LibraryPath)));

        ProbeRegistration registration = WovenProbes.Register(folder.Table, UniqueNames.Next("built"), new ModuleLibrary(folder.Stem, [noexec.Path]));

        Assert.True(registration.IsActive, registration.ToString());
        Assert.NotEqual(ProbePlacement.BuiltLibrary, registration.Placement);
        Assert.Contains("cannot be loaded", registration.Reason);
    }

    [SkippableFact]
    public void ModulesLoadedOneAfterAnotherEachGetTheirOwnLibrary()
    {
        // The loader knows a library by the name it was opened by, /proc/self/fd/N: were a
        // descriptor closed and its number reused, the next module would get the first one's library.
        Requires.Met(TracerRequirements.ProbePlatform());
        using var first = new BuiltLibraryFolder(UniqueNames.Next("first"));
        using var second = new BuiltLibraryFolder(UniqueNames.Next("second"));

        ProbeRegistration one = first.Register();
        ProbeRegistration two = second.Register();

        Assert.True(one.Placement == ProbePlacement.BuiltLibrary, one.ToString());
        Assert.True(two.Placement == ProbePlacement.BuiltLibrary, two.ToString());
        Assert.Equal(first.LibraryPath, ProcessMemory.MappedFile(one.StubBase));
        Assert.Equal(second.LibraryPath, ProcessMemory.MappedFile(two.StubBase));
    }

    [SkippableFact]
    public void NearestDirectoryWins()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var near = new BuiltLibraryFolder(UniqueNames.Next("built"));
        using var far = new BuiltLibraryFolder(near.Provider);

        ProbeRegistration registration = WovenProbes.Register(near.Table, UniqueNames.Next("built"),
            new ModuleLibrary(near.Stem, ["/nonexistent/usdt", far.Directory, near.Directory]));

        Assert.True(registration.Placement == ProbePlacement.BuiltLibrary, registration.ToString());
        Assert.Equal(far.LibraryPath, registration.LibraryPath);
    }

    [SkippableFact]
    public void GenerateSettingIgnoresAFittingLibrary()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("built"));
        using var generated = new TemporaryDirectory();
        var backend = new LinuxStapsdtBackend(BackendRegistration.ThisArchitecture,
            UsdtSettings.Default with { Directory = generated.Path, ForceGenerate = true });

        ProbeRegistration registration = ProbeRegistry.Register(backend, ProbeSetOf(folder.Table), "forced", folder.Module);

        Assert.Equal(ProbePlacement.Directory, registration.Placement);
        Assert.Equal(generated.Path, Path.GetDirectoryName(registration.LibraryPath));
        Assert.Contains("USDT_GENERATE", registration.Reason);
    }

    [SkippableFact]
    public void TracerAttachedByPathBeforeTheProcessLoadsTheLibrarySeesItsProbes()
    {
        // What a C program's probes allow and a per-process library cannot: the uprobe is set
        // on the file first, and the process that maps it later fires it.
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        using var folder = new BuiltLibraryFolder(UniqueNames.Next("early"));
        using var tracefs = new TracefsSession();
        UprobeEvent uprobe = tracefs.AddSdtProbe(folder.LibraryPath, SdtNotes.ByName(folder.LibraryPath)["a"]);
        tracefs.Enable(uprobe);

        ProbeRegistration registration = folder.Register();
        Assert.True(registration.Placement == ProbePlacement.BuiltLibrary, registration.ToString());
        nint semaphore = registration.SemaphoreBase;
        Assert.NotEqual(0, ProcessMemory.ReadUInt16(semaphore)); // the kernel raised it as the file was mapped
        unsafe
        {
            var fire = (delegate* unmanaged[SuppressGCTransition]<long, void>)registration.StubBase;
            for (int i = 0; i < 25; i++)
                fire(i);
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), tracefs.Read(uprobe).Select(r => r.Integer("a0")));
    }

    private static void AssertGenerated(BuiltLibraryFolder folder, params string[] reasonParts)
    {
        ProbeRegistration registration = folder.Register();

        Assert.True(registration.IsActive, registration.ToString());
        Assert.NotEqual(ProbePlacement.BuiltLibrary, registration.Placement);
        Assert.NotEqual(folder.LibraryPath, registration.LibraryPath);
        Assert.NotEqual(folder.LibraryPath, ProcessMemory.MappedFile(registration.StubBase));
        foreach (string part in reasonParts)
            Assert.Contains(part, registration.Reason);
    }

    private static string[] ManyProbes() =>
        Enumerable.Range(0, 1_000).Select(i => $"Service{i % 7}__Method{i}__{(i % 2 == 0 ? "entry" : "return")}:is").ToArray();

    private static ProbeSet ProbeSetOf(string table)
    {
        Assert.True(ProbeTableParser.TryParse(table, out var probes, out _));
        return ProbeSet.Of(probes);
    }
}
