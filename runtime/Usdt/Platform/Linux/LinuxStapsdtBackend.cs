using System;
using System.Collections.Generic;
using Usdt.Elf;

namespace Usdt.Platform.Linux;

/// <summary>
/// Linux: probes live in an ELF library whose <c>.note.stapsdt</c> notes describe them, as
/// <c>sys/sdt.h</c> describes a C program's. A woven module's library was written by the
/// build beside its assembly; it is used when it fits the module (<see cref="BuiltLibrary"/>).
/// Otherwise, and for probes defined in code, the library is generated now, placed where
/// tracers can open it (<see cref="LibraryPlacement"/>) and loaded. Either way the backend
/// hands out its semaphore and stub addresses.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class LinuxStapsdtBackend : IProbeBackend
{
    private readonly ElfArchitecture _architecture;
    private readonly UsdtSettings _settings;
    private readonly Func<uint>? _fileTokens;
    private LibraryPlacement? _placement;

    /// <summary>A backend for <paramref name="architecture"/> steered by <paramref name="settings"/>; <paramref name="fileTokens"/> makes the random part of generated file names (null: random; tests fix it).</summary>
    public LinuxStapsdtBackend(ElfArchitecture architecture, UsdtSettings settings, Func<uint>? fileTokens = null)
    {
        _architecture = architecture;
        _settings = settings;
        _fileTokens = fileTokens;
    }

    public LoadedProbes Load(ProbeSet probes, string label, ModuleLibrary? module)
    {
        var reasons = new RegistrationReasons();
        if (module is not null)
        {
            if (_settings.ForceGenerate)
                reasons.Add($"{UsdtSettings.GenerateVariable} is set: the library is generated, not taken from the build");
            else if (BuiltLibrary.TryLoad(module, probes, _architecture, reasons) is { } built)
                return built;
        }
        return Generate(probes, label, reasons);
    }

    /// <summary>Writes the library now and places it (kept apart so a built library's load touches none of this).</summary>
    private LoadedProbes Generate(ProbeSet probes, string label, RegistrationReasons reasons)
    {
        _placement ??= new LibraryPlacement(DirectoryCandidates.For(_settings), _settings.AllowMemoryFile, _fileTokens);
        ProbeLibraryImage image = ElfWriter.Write(probes.Specs, _architecture, probes.TableHash);
        if (_placement.Place(image, label, reasons) is not { } placed)
            return LoadedProbes.Failed(reasons.ToString());

        // Segments sit at their file offsets, so the load base is the anchor stub's
        // address minus its offset, and everything else follows from the layout.
        nint loadBase = placed.FirstStub - (nint)image.Identity.TextAddress;
        return new LoadedProbes(loadBase + (nint)image.Identity.SemaphoreAddress, placed.FirstStub, placed.Placement, placed.Path,
            reasons.Text);
    }
}
