using System.IO;
using System.Linq;
using Usdt.Contract;
using Usdt.Elf;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Fody.Tests.Libraries;

/// <summary>
/// The weaver writes the module's probe libraries beside the woven assembly, one per
/// architecture, describing exactly the probes of the module's table, the same bytes on
/// every build; and removes those of an earlier build that no longer has probes.
/// </summary>
public sealed class BuiltLibraryTests
{
    [Fact]
    public void EveryArchitecturesLibraryIsWrittenBesideTheWovenAssemblyAndFitsItsTable()
    {
        WeaveRun run = WovenAssemblies.AssemblyToProcess(BuildConfiguration.Release);
        string table = ProbeTableReader.Text(run.OutputPath)!;

        foreach (ElfArchitecture architecture in ElfArchitecture.All)
        {
            string path = run.Beside(ProbeLibraryFiles.ForModule("AssemblyToProcess", architecture));
            byte[] library = File.ReadAllBytes(path);
            LibraryIdentity? identity = ProbeLibraryCheck.Verify(library, architecture, ProbeTableText.Hash(table), table.Split('\n').Length, out string problem);
            Assert.True(identity is not null, $"{path}: {problem}");
        }
    }

    [SkippableFact]
    public void LibraryNotesNameEveryProbeOfTheTableInOrder()
    {
        Requires.Met(TracerRequirements.Readelf());
        WeaveRun run = WovenAssemblies.AssemblyToProcess(BuildConfiguration.Release);
        string[] table = ProbeTableReader.Text(run.OutputPath)!.Split('\n');

        var notes = Readelf.Notes(run.Beside(ProbeLibraryFiles.ForModule("AssemblyToProcess", ElfArchitecture.X64)));

        Assert.Equal(table.Select(line => string.Join(':', line.Split(':').Take(2))), notes.Select(n => $"{n.Provider}:{n.Name}"));
    }

    [SkippableFact]
    public void TheRuntimeGeneratesByteForByteTheLibraryTheWeaverBuilt()
    {
        // One writer compiled into both: the weaver's (netstandard2.0, any build host) and
        // the runtime's (.NET 8+, its fast paths) must agree to the byte, build-id included.
        Requires.Met(TracerRequirements.ProbePlatform());
        WeaveRun run = WovenAssemblies.AssemblyToProcess(BuildConfiguration.Release);
        LoadedWoven generated = LoadedWoven.Load(run.OutputPath); // a copy with no built library beside it

        Assert.Equal(ProbePlacement.Directory, generated.Registration.Placement);
        Assert.Equal(File.ReadAllBytes(run.Beside(ProbeLibraryFiles.ForModule("AssemblyToProcess", ElfArchitecture.X64))),
            File.ReadAllBytes(generated.LibraryPath));
    }

    [SkippableFact]
    public void AWovenAssemblyBesideItsLibrariesLoadsTheOneForThisProcessor()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release)).EnsureNoErrors();

        LoadedWoven woven = LoadedWoven.Load(run.OutputPath, withBuiltLibrary: true);

        Assert.True(woven.Registration.Placement == ProbePlacement.BuiltLibrary, woven.Registration.ToString());
        Assert.Equal(run.Beside(ProbeLibraryFiles.ForModule("AssemblyToProcess", ElfArchitecture.X64)), woven.LibraryPath);
    }

    [Fact]
    public void WeavingTheSameInputTwiceWritesTheSameLibraries()
    {
        string input = Inputs.AssemblyToProcess(BuildConfiguration.Release);
        WeaveRun first = WeaveRun.Weave(input).EnsureNoErrors();
        WeaveRun second = WeaveRun.Weave(input).EnsureNoErrors();

        foreach (ElfArchitecture architecture in ElfArchitecture.All)
        {
            string name = ProbeLibraryFiles.ForModule("AssemblyToProcess", architecture);
            Assert.Equal(File.ReadAllBytes(first.Beside(name)), File.ReadAllBytes(second.Beside(name)));
        }
    }

    [Fact]
    public void ABuildWithoutProbesRemovesTheLibrariesOfTheBuildBefore()
    {
        string input = Inputs.AssemblyToProcess(BuildConfiguration.Release);
        string folder = $"stale{System.Environment.ProcessId}";
        WeaveRun withProbes = WeaveRun.Weave(input, folder: folder).EnsureNoErrors();
        string[] libraries = ElfArchitecture.All.Select(a => withProbes.Beside(ProbeLibraryFiles.ForModule("AssemblyToProcess", a))).ToArray();
        Assert.All(libraries, path => Assert.True(File.Exists(path)));

        // The same module rebuilt with no probed code left in it.
        WeaveRun without = WeaveRun.Weave(input, folder: folder, before: WeaveRun.KeepOnly()).EnsureNoErrors();

        Assert.All(libraries, path => Assert.False(File.Exists(path), $"{path} outlived its probes"));
        Assert.False(File.Exists(without.Beside("AssemblyToProcess.usdt.txt")));
    }
}
