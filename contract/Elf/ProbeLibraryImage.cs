namespace Usdt.Elf;

/// <summary>A probe library as <see cref="ElfWriter"/> wrote it.</summary>
internal sealed class ProbeLibraryImage
{
    public ProbeLibraryImage(byte[] bytes, LibraryIdentity identity, string anchorSymbol, byte[] buildId)
    {
        Bytes = bytes;
        Identity = identity;
        AnchorSymbol = anchorSymbol;
        BuildId = buildId;
    }

    /// <summary>The ELF file.</summary>
    public byte[] Bytes { get; }

    /// <summary>What the library says of itself in its <c>.note.usdt</c>: version, probes, stub and semaphore addresses.</summary>
    public LibraryIdentity Identity { get; }

    /// <summary>Dynamic symbol of stub 0, to find where the loader put the library.</summary>
    public string AnchorSymbol { get; }

    /// <summary>The NT_GNU_BUILD_ID bytes.</summary>
    public byte[] BuildId { get; }
}
