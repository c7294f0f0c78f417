namespace Usdt.Elf;

/// <summary>
/// x86-64, System V ABI: the first six integer arguments in rdi, rsi, rdx, rcx, r8, r9;
/// the rest on the stack, the 7th at 8(%rsp) on entry (0(%rsp) holds the return address).
/// </summary>
internal sealed class X64Architecture : ElfArchitecture
{
    private const ushort EM_X86_64 = 62;

    // Names of each argument register by operand size 8, 4, 2, 1, as GCC prints them in
    // sys/sdt.h argument specs; every tracer's x86 spec parser knows them all.
    private static readonly string[][] Registers =
    [
        ["%rdi", "%edi", "%di", "%dil"],
        ["%rsi", "%esi", "%si", "%sil"],
        ["%rdx", "%edx", "%dx", "%dl"],
        ["%rcx", "%ecx", "%cx", "%cl"],
        ["%r8", "%r8d", "%r8w", "%r8b"],
        ["%r9", "%r9d", "%r9w", "%r9b"],
    ];

    public override string Name => "x64";

    public override ushort Machine => EM_X86_64;

    public override int MaxPageSize => 0x1000;

    // nopl 0x0(%rax,%rax,1); ret. Linux 6.18 turns a uprobe on this 5-byte nop into a
    // call to a trampoline instead of an int3 trap, which roughly halves the probe's cost.
    public override byte[] Stub { get; } = [0x0f, 0x1f, 0x44, 0x00, 0x00, 0xc3];

    public override byte StubPadding => 0xcc; // int3

    public override string ArgumentOperand(int index, int size)
    {
        if (index < Registers.Length)
        {
            int column = size switch { 8 => 0, 4 => 1, 2 => 2, _ => 3 };
            return Registers[index][column];
        }
        int offset = (index - Registers.Length + 1) * 8;
        return $"{offset}(%rsp)";
    }
}
