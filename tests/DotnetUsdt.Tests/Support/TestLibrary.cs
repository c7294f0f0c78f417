using System.Collections.Generic;
using System.IO;
using System.Linq;
using DotnetUsdt.Elf;
using DotnetUsdt.Manifest;
using DotnetUsdt.Targets;
using Usdt.Contract;
using Usdt.Elf;

namespace DotnetUsdt.Tests.Support;

/// <summary>
/// A real probe library, written by the contract's ELF writer (the one the weaver and the
/// runtime use) into a temporary file, read back by the tool, with its probes described by
/// the <see cref="ProbeInfo"/>s a manifest would give.
/// </summary>
internal static class TestLibrary
{
    public static string Write(IReadOnlyList<ProbeSpec> specs, ElfArchitecture? architecture = null)
    {
        ProbeLibraryImage image = ElfWriter.Write(specs, architecture ?? ElfArchitecture.X64, ProbeTableText.Hash(ProbeTableText.Of(specs)));
        string path = Path.Combine(Directory.CreateTempSubdirectory("dotnet-usdt-tests-").FullName, "Test.usdt.x64.so");
        File.WriteAllBytes(path, image.Bytes);
        return path;
    }

    /// <summary>A library of <paramref name="infos"/>, each probe described by its info as if a manifest said so.</summary>
    public static ProbeLibrary Of(params ProbeInfo[] infos)
    {
        var specs = infos.Select(i => new ProbeSpec(i.Provider, i.Name, i.Arguments.Select(a => a.Kind).ToList())).ToList();
        string path = Write(specs);
        var library = new ProbeLibrary(path, path, LibraryOrigin.Built, "Test", ProbeLibraryFile.Read(path));
        for (int i = 0; i < infos.Length; i++)
            library.Add(new Probe(library, i, library.File.Notes[i], infos[i], fromManifest: true));
        return library;
    }

    public static ArgumentInfo Argument(int slot, string name, string type, ArgumentKind kind, EnumInfo? names = null, bool isOut = false) =>
        new(slot, name, type, kind, "", isOut: isOut, enumInfo: names);

    public static ProbeInfo Entry(string type, string method, params ArgumentInfo[] arguments) =>
        new("shop", $"{type[(type.LastIndexOf('.') + 1)..]}__{method}__entry", ProbeKind.Entry, type, method, "()", isAsync: false, arguments);

    public static ProbeInfo Return(string type, string method, string resultType, ArgumentKind resultKind, bool isAsync = false) =>
        new("shop", $"{type[(type.LastIndexOf('.') + 1)..]}__{method}__return", ProbeKind.Return, type, method, "()", isAsync,
        [
            Argument(0, "result", resultType, resultKind),
            Argument(1, "elapsed", "System.Int64", ArgumentKind.Int64),
            Argument(2, "exception", "System.String", ArgumentKind.Utf8String),
        ]);

    public static ProbeInfo Static(string type, string name, params ArgumentInfo[] arguments) =>
        new("shop", name, ProbeKind.Static, type, name, "()", isAsync: false, arguments);
}
