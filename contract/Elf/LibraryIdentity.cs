namespace Usdt.Elf;

/// <summary>
/// What a probe library says of itself, so that the runtime can check it belongs to a
/// module before calling into it: the contract version it was written for, how many
/// probes it holds, the hash of the probe table it was written from, and where stub 0 and
/// semaphore 0 are (every segment's address equals its file offset, so these are file
/// offsets too). Stored as an ELF note (gABI "Note Section") of owner <c>Usdt</c>, type
/// <see cref="NoteType"/>, in the loaded PT_NOTE segment next to the build-id, which
/// covers it: the build-id checks the bytes, this note says what they are for.
/// </summary>
internal sealed class LibraryIdentity
{
    public const string Owner = "Usdt";

    /// <summary>Our own note type within owner <see cref="Owner"/> (note types are per owner).</summary>
    public const uint NoteType = 1;

    private const int OwnerSize = 8;        // "Usdt\0", padded to 4
    private const int DescriptorSize = 32;  // u32 version, u32 probe count, u64 table hash, u64 stub 0, u64 semaphore 0

    /// <summary>Bytes of the whole note: Elf64_Nhdr, owner, descriptor.</summary>
    public const int NoteSize = 12 + OwnerSize + DescriptorSize;

    public LibraryIdentity(int version, int probeCount, ulong tableHash, long textAddress, long semaphoreAddress)
    {
        Version = version;
        ProbeCount = probeCount;
        TableHash = tableHash;
        TextAddress = textAddress;
        SemaphoreAddress = semaphoreAddress;
    }

    /// <summary>The <c>ProbeContract.Version</c> the library was written for.</summary>
    public int Version { get; }

    public int ProbeCount { get; }

    /// <summary><c>ProbeTableText.Hash</c> of the table the probes were described by.</summary>
    public ulong TableHash { get; }

    /// <summary>Address of stub 0; stub <c>i</c> is at <c>TextAddress + i * ProbeContract.StubStride</c>.</summary>
    public long TextAddress { get; }

    /// <summary>Address of semaphore 0; semaphore <c>i</c> is at <c>SemaphoreAddress + i * ProbeContract.SemaphoreStride</c>.</summary>
    public long SemaphoreAddress { get; }

    public void WriteNote(ImageWriter image, long at)
    {
        image.U32(at, (uint)Owner.Length + 1);
        image.U32(at + 4, DescriptorSize);
        image.U32(at + 8, NoteType);
        image.CString(at + 12, Owner);
        long descriptor = at + 12 + OwnerSize;
        image.U32(descriptor, (uint)Version);
        image.U32(descriptor + 4, (uint)ProbeCount);
        image.U64(descriptor + 8, TableHash);
        image.I64(descriptor + 16, TextAddress);
        image.I64(descriptor + 24, SemaphoreAddress);
    }

    /// <summary>Reads the descriptor of a note whose owner and type are ours; null when it has not our size.</summary>
    public static LibraryIdentity? FromDescriptor(ElfReader file, long descriptor, long size) =>
        size != DescriptorSize ? null : new LibraryIdentity(
            (int)file.U32(descriptor), (int)file.U32(descriptor + 4), file.U64(descriptor + 8),
            (long)file.U64(descriptor + 16), (long)file.U64(descriptor + 24));
}
