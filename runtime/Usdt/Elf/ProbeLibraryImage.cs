namespace Usdt.Elf;

/// <summary>
/// A generated probe library and where its parts lie. Every segment's virtual address
/// equals its file offset, so these addresses are also file offsets (what uprobes take).
/// </summary>
/// <param name="Bytes">The ELF file.</param>
/// <param name="TextAddress">Address of stub 0; stub <c>i</c> is at <c>TextAddress + i * ElfArchitecture.StubStride</c>.</param>
/// <param name="SemaphoreAddress">Address of semaphore 0; semaphore <c>i</c> is at <c>SemaphoreAddress + 2 * i</c>.</param>
/// <param name="AnchorSymbol">Dynamic symbol of stub 0, to find where the loader put the library.</param>
/// <param name="BuildId">The NT_GNU_BUILD_ID bytes.</param>
internal sealed record ProbeLibraryImage(byte[] Bytes, long TextAddress, long SemaphoreAddress, string AnchorSymbol, byte[] BuildId);
