using System.Collections.Generic;
using System.IO;
using System.Linq;
using DotnetUsdt.Elf;
using DotnetUsdt.Tests.Support;
using Usdt.Contract;
using Usdt.Elf;
using Usdt.Tests.Tracers;
using Xunit;

namespace DotnetUsdt.Tests.Elf;

/// <summary>The tool reads a library as the writer wrote it, and as binutils' readelf sees it.</summary>
public sealed class ProbeLibraryFileTests
{
    private static readonly IReadOnlyList<ProbeSpec> Specs =
    [
        new("shop", "OrderService__PlaceOrder__entry", [ArgumentKind.Int32, ArgumentKind.Utf8String, ArgumentKind.Int32]),
        new("shop", "OrderService__PlaceOrder__return", [ArgumentKind.Int64, ArgumentKind.Int64, ArgumentKind.Utf8String]),
        new("shop", "Twelve", Enumerable.Repeat(ArgumentKind.UInt16, 12).ToList()),
        new("other", "Tick", []),
    ];

    [Theory]
    [InlineData("x64")]
    [InlineData("arm64")]
    public void NotesNameEveryProbeWithItsArgumentsInOrder(string name)
    {
        ElfArchitecture architecture = ElfArchitecture.All.Single(a => a.Name == name);
        ProbeLibraryFile file = ProbeLibraryFile.Read(TestLibrary.Write(Specs, architecture));

        Assert.Same(architecture, file.Architecture);
        Assert.Equal(Specs.Select(s => $"{s.Provider}:{s.Name}"), file.Notes.Select(n => n.FullName));
        Assert.Equal(Specs.Select(s => StapsdtArgumentSpec.Format(s.Arguments, architecture)), file.Notes.Select(n => n.ArgumentText));
        Assert.Equal([3, 3, 12, 0], file.Notes.Select(n => n.Arguments.Count));
        Assert.Equal([4, 8, 4], file.Notes[0].Arguments.Select(a => a.Size));
        Assert.Equal([true, false, true], file.Notes[0].Arguments.Select(a => a.IsSigned));
    }

    [Fact]
    public void StubsAndSemaphoresAreWhereTheIdentityNoteSays()
    {
        ProbeLibraryFile file = ProbeLibraryFile.Read(TestLibrary.Write(Specs));

        LibraryIdentity identity = file.Identity!;
        Assert.Equal(Specs.Count, identity.ProbeCount);
        for (int i = 0; i < Specs.Count; i++)
        {
            Assert.Equal(identity.TextAddress + i * ProbeContract.StubStride, file.FileOffsetOf(file.Notes[i].Location));
            Assert.Equal(identity.SemaphoreAddress + i * ProbeContract.SemaphoreStride, file.FileOffsetOf(file.Notes[i].Semaphore));
        }
        Assert.Null(file.FileOffsetOf(0x7fff_0000));
        Assert.Matches("^[0-9a-f]{40}$", file.BuildId);
    }

    [SkippableFact]
    public void ReadsWhatReadelfReads()
    {
        Requires.Met(TracerRequirements.Readelf());
        string path = TestLibrary.Write(Specs);

        ProbeLibraryFile file = ProbeLibraryFile.Read(path);
        IReadOnlyList<Usdt.Tests.Tracers.SdtNote> notes = Readelf.Notes(path);

        Assert.Equal(notes.Select(n => (n.Provider, n.Name, n.Location, n.Semaphore, n.ArgumentSpec)),
            file.Notes.Select(n => (n.Provider, n.Name, n.Location, n.Semaphore, n.ArgumentText)));
    }

    [Fact]
    public void AFileThatIsNoElfIsRefusedWithItsName()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("dotnet-usdt-tests-").FullName, "not.so");
        File.WriteAllText(path, "hello, not an ELF file at all, but long enough to have a header of sixty-four bytes");

        IOException error = Assert.Throws<IOException>(() => ProbeLibraryFile.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("-4@%edi 8@%rsi -8@8(%rsp)", new[] { "-4@%edi", "8@%rsi", "-8@8(%rsp)" })]
    [InlineData("-4@x0 8@[sp, 8] 2@w3", new[] { "-4@x0", "8@[sp, 8]", "2@w3" })]
    [InlineData("", new string[0])]
    public void OperandsSplitOnSpacesOutsideBrackets(string text, string[] operands) =>
        Assert.Equal(operands, SdtOperand.ParseAll(text).Select(o => o.ToString()));
}
