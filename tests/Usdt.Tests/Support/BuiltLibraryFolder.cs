using System;
using System.IO;
using Usdt.Contract;
using Usdt.Elf;
using Usdt.Platform;
using Usdt.Tests.Tracers;
using Usdt.Weaving;

namespace Usdt.Tests;

/// <summary>
/// A folder that holds what a woven module's build leaves: its probe table and the
/// library written for it, as the weaver writes both (<see cref="ElfWriter"/> from the
/// parsed table, named by <see cref="ProbeLibraryFiles"/>). Tests then damage, replace or
/// remove the library and register the table as a woven module does.
/// </summary>
internal sealed class BuiltLibraryFolder : IDisposable
{
    private readonly TemporaryDirectory _directory = new("usdt-built-");

    public BuiltLibraryFolder(string provider, string stem = "Woven.Module")
        : this(provider, ["a:i", "b:", "c:ls"], stem)
    {
    }

    /// <summary>A folder for a module of <paramref name="probes"/>, each <c>name:codes</c>.</summary>
    public BuiltLibraryFolder(string provider, string[] probes, string stem = "Woven.Module")
    {
        Provider = provider;
        Stem = stem;
        Table = ProbeTable(provider, probes);
        Write(Table, BackendRegistration.ThisArchitecture);
    }

    public string Provider { get; }

    public string Stem { get; }

    public string Table { get; }

    public string Directory => _directory.Path;

    /// <summary>Where the runtime looks for this process's architecture.</summary>
    public string LibraryPath => LibraryFor(BackendRegistration.ThisArchitecture);

    public string LibraryFor(ElfArchitecture architecture) => _directory.Combine(ProbeLibraryFiles.ForModule(Stem, architecture));

    public ModuleLibrary Module => new(Stem, [Directory]);

    /// <summary>A table as the weaver writes it, one <c>name:codes</c> per probe.</summary>
    public static string ProbeTable(string provider, params string[] probes) =>
        string.Join('\n', Array.ConvertAll(probes, probe => provider + ":" + probe));

    /// <summary>Writes the library of <paramref name="table"/> for <paramref name="architecture"/> where the runtime looks for this process's.</summary>
    public void Write(string table, ElfArchitecture architecture)
    {
        if (!ProbeTableParser.TryParse(table, out var probes, out string? error))
            throw new ArgumentException(error, nameof(table));
        File.WriteAllBytes(LibraryPath, ElfWriter.Write(probes, architecture, ProbeTableText.Hash(table)).Bytes);
    }

    public ProbeRegistration Register(string? label = null) =>
        WovenProbes.Register(Table, label ?? UniqueNames.Next("built"), Module);

    public void Dispose() => _directory.Dispose();
}
