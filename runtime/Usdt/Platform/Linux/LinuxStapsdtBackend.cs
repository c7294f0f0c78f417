using System.Collections.Generic;
using System.Runtime.InteropServices;
using Usdt.Elf;
using Usdt.Registration;

namespace Usdt.Platform.Linux;

/// <summary>
/// Linux: generate an ELF library whose <c>.note.stapsdt</c> notes describe the probes,
/// place it where tracers can open it, dlopen it, and hand out its semaphore and stub
/// addresses. Tracers then find the probes as they find those of <c>sys/sdt.h</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class LinuxStapsdtBackend : IProbeBackend
{
    private readonly ElfArchitecture _architecture;
    private readonly UsdtSettings _settings;
    private LibraryPlacement? _placement;

    public LinuxStapsdtBackend(ElfArchitecture architecture, UsdtSettings settings)
    {
        _architecture = architecture;
        _settings = settings;
    }

    public LoadedProbes Load(IReadOnlyList<ProbeSpec> probes, string label)
    {
        _placement ??= new LibraryPlacement(DirectoryCandidates.For(_settings), _settings.AllowMemoryFile);

        ProbeLibraryImage image = ElfWriter.Write(probes, _architecture);
        var reasons = new List<string>();
        if (_placement.Place(image.Bytes, label, reasons) is not { } placed)
            return LoadedProbes.Failed(string.Join("; ", reasons));

        // Segments sit at their file offsets, so the load base is the anchor stub's
        // address minus its offset, and everything else follows from the layout.
        nint firstStub = NativeLibrary.GetExport(placed.Handle, image.AnchorSymbol);
        nint loadBase = firstStub - (nint)image.TextAddress;
        return new LoadedProbes(loadBase + (nint)image.SemaphoreAddress, firstStub, placed.Placement, placed.Path, placed.Reason);
    }
}
