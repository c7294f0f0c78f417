namespace Usdt.Elf;

/// <summary>
/// What the generated probe library needs to know about one instruction set: the ELF
/// machine, the page size segments are aligned to, the stub every probe points at, and
/// where the calling convention leaves each argument when the stub is entered.
/// </summary>
internal abstract class ElfArchitecture
{
    /// <summary>Every stub occupies this many bytes, so stub <c>i</c> lives at <c>text + i * StubStride</c>.</summary>
    public const int StubStride = 8;

    public abstract ushort Machine { get; }

    /// <summary>Largest page size the architecture's kernels use; segments never share a page.</summary>
    public abstract int MaxPageSize { get; }

    /// <summary>The stub's bytes: a probe-friendly no-op followed by a return.</summary>
    public abstract byte[] Stub { get; }

    /// <summary>Filler between stubs (a trap, so a stray jump there stops loudly).</summary>
    public abstract byte StubPadding { get; }

    /// <summary>
    /// The operand of an SDT argument spec (the part after <c>@</c>) for argument
    /// <paramref name="index"/> of <paramref name="size"/> bytes, as seen on stub entry.
    /// </summary>
    public abstract string ArgumentOperand(int index, int size);

    public static ElfArchitecture X64 { get; } = new X64Architecture();

    public static ElfArchitecture Arm64 { get; } = new Arm64Architecture();
}
