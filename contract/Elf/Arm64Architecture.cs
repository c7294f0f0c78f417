namespace Usdt.Elf;

/// <summary>
/// AArch64, AAPCS64: the first eight integer arguments in x0..x7, the rest on the stack
/// from [sp] on entry (the return address is in x30, not on the stack).
/// </summary>
internal sealed class Arm64Architecture : ElfArchitecture
{
    private const ushort EM_AARCH64 = 183;
    private const int RegisterArguments = 8;

    public override string Name => "arm64";

    public override ushort Machine => EM_AARCH64;

    // Kernels may run with 64 KiB pages; aligning for them also satisfies 4 KiB kernels.
    public override int MaxPageSize => 0x10000;

    // nop; ret
    public override byte[] Stub { get; } = [0x1f, 0x20, 0x03, 0xd5, 0xc0, 0x03, 0x5f, 0xd6];

    public override byte StubPadding => 0x00; // never used: the stub fills its 8 bytes

    // Tracers' AArch64 parsers (libbpf, bcc, perf) read 64-bit register names only; the
    // size prefix of the spec narrows the value.
    public override string ArgumentOperand(int index, int size) =>
        index < RegisterArguments ? $"x{index}" : $"[sp, {(index - RegisterArguments) * 8}]";
}
