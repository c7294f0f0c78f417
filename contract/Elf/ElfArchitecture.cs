namespace Usdt.Elf;

/// <summary>
/// What the generated probe library needs to know about one instruction set: the ELF
/// machine, the page size segments are aligned to, the stub every probe points at, and
/// where the calling convention leaves each argument when the stub is entered.
/// </summary>
internal abstract class ElfArchitecture
{
    /// <summary>The processor's name in .NET runtime identifiers (<c>linux-x64</c>), used in library file names.</summary>
    public abstract string Name { get; }

    /// <summary>e_machine (ELF gABI "ELF Header").</summary>
    public abstract ushort Machine { get; }

    /// <summary>Largest page size the architecture's kernels use; segments never share a page.</summary>
    public abstract int MaxPageSize { get; }

    /// <summary>The stub's bytes: a probe-friendly no-op followed by a return, at most <c>ProbeContract.StubStride</c> long.</summary>
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

    /// <summary>Every architecture a probe library is written for.</summary>
    public static ElfArchitecture[] All { get; } = [X64, Arm64];

    /// <summary>The architecture whose e_machine is <paramref name="machine"/>, or null.</summary>
    public static ElfArchitecture? ForMachine(ushort machine) =>
        machine == X64.Machine ? X64 : machine == Arm64.Machine ? Arm64 : null;
}
