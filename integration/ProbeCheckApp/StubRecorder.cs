using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Usdt;

namespace ProbeCheck;

/// <summary>
/// Stands in for a tracer where uprobes cannot run (user-mode emulation): rewrites every
/// stub of a registration to call a recorder, placed in the spare room of the library's
/// text page after the last stub, that stores what the stub received. A record holds the
/// probe (x64: the return address into the slot; arm64: the index), the argument registers
/// (x64: rdi, rsi, rdx, rcx, r8, r9; arm64: x0..x7) and the 7 stack words at the stub's
/// entry sp (sp+0 .. sp+48), which is where the SDT notes' stack operands point.
/// </summary>
internal sealed unsafe partial class StubRecorder
{
    public const int RegisterWords = 8;
    public const int StackWords = 7;
    private const int RecordWords = 1 + RegisterWords + StackWords; // 128 bytes: the recorders shift by 7
    private const int Capacity = 64;                                 // the recorders wrap the count at 64

    private const int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;

    private readonly long* _buffer; // [0] fires since Reset, then Capacity records
    private readonly nint _stubBase;

    public StubRecorder(ProbeRegistration registration)
    {
        _stubBase = registration.StubBase;
        _buffer = (long*)NativeMemory.AllocZeroed((nuint)(sizeof(long) * (1 + Capacity * RecordWords)));

        bool arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
        byte[] recorder = arm64 ? Arm64Recorder((long)_buffer) : X64Recorder((long)_buffer);
        nint stubEnd = _stubBase + registration.ProbeCount * ProbeRegistration.StubStride;
        nint recorderAt = (stubEnd + 15) & ~(nint)15;
        int pageSize = Environment.SystemPageSize;
        nint pageStart = _stubBase & ~(nint)(pageSize - 1);
        nint pageEnd = (stubEnd + pageSize - 1) & ~(nint)(pageSize - 1);
        if (recorderAt + recorder.Length > pageEnd)
            throw new InvalidOperationException($"no room for the recorder after {registration.ProbeCount} stubs in the text page");

        // The library's text is a private file mapping: writing it copies the page for this
        // process only. Writable and not executable while patched, then executable again:
        // on arm64 hardware the kernel makes the instruction cache coherent when it maps
        // that new page executable (qemu tracks self-modifying code itself). Nothing runs
        // a stub meanwhile: every semaphore is still 0.
        Protect(pageStart, pageEnd - pageStart, PROT_READ | PROT_WRITE);
        recorder.CopyTo(new Span<byte>((void*)recorderAt, recorder.Length));
        for (int i = 0; i < registration.ProbeCount; i++)
        {
            nint slot = _stubBase + i * ProbeRegistration.StubStride;
            var bytes = new Span<byte>((void*)slot, ProbeRegistration.StubStride);
            if (arm64)
            {
                // movz x16, #i ; b recorder
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0xD2800000u | ((uint)i << 5) | 16);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], 0x14000000u | ((uint)((recorderAt - (slot + 4)) / 4) & 0x03FFFFFF));
            }
            else
            {
                // call recorder ; ret ; int3 ; int3
                bytes[0] = 0xE8;
                BinaryPrimitives.WriteInt32LittleEndian(bytes[1..], checked((int)(recorderAt - (slot + 5))));
                bytes[5] = 0xC3;
                bytes[6] = bytes[7] = 0xCC;
            }
        }
        Protect(pageStart, pageEnd - pageStart, PROT_READ | PROT_EXEC);
        Description = $"patched {registration.ProbeCount} stubs; recorder at stub end + {recorderAt - stubEnd}, {recorder.Length} bytes; page size {pageSize}";
    }

    public string Description { get; }

    public void Reset() => _buffer[0] = 0;

    /// <summary>How many stubs ran since <see cref="Reset"/>.</summary>
    public long Fires => _buffer[0];

    public int ProbeIndex(int record)
    {
        long first = Record(record)[0];
        if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
            return (int)first;
        long offset = first - 5 - _stubBase; // the return address follows the 5-byte call
        if (offset < 0 || offset % ProbeRegistration.StubStride != 0)
            throw new InvalidOperationException($"return address 0x{first:x} is not in a stub slot");
        return (int)(offset / ProbeRegistration.StubStride);
    }

    public long Register(int record, int register) => Record(record)[1 + register];

    /// <summary>The word at the stub's entry sp + 8 * <paramref name="word"/>.</summary>
    public long Stack(int record, int word) => Record(record)[1 + RegisterWords + word];

    private ReadOnlySpan<long> Record(int record) =>
        new(_buffer + 1 + (record % Capacity) * RecordWords, RecordWords);

    private static void Protect(nint address, nint length, int protection)
    {
        if (Mprotect(address, (nuint)length, protection) != 0)
            throw new InvalidOperationException($"mprotect failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static partial int Mprotect(nint address, nuint length, int protection);

    /// <summary>Entered by <c>call</c> from a slot: [rsp] is the slot's return address, the stub's entry sp is rsp + 8.</summary>
    private static byte[] X64Recorder(long buffer)
    {
        var code = new List<byte>();
        code.AddRange([0x48, 0xB8]);                                   // movabs rax, buffer
        code.AddRange(BitConverter.GetBytes(buffer));
        code.AddRange([
            0x4C, 0x8B, 0x18,                                           // mov r11, [rax]
            0x4D, 0x8D, 0x53, 0x01,                                     // lea r10, [r11+1]
            0x4C, 0x89, 0x10,                                           // mov [rax], r10
            0x41, 0x83, 0xE3, 0x3F,                                     // and r11d, 63
            0x49, 0xC1, 0xE3, 0x07,                                     // shl r11, 7
            0x4A, 0x8D, 0x44, 0x18, 0x08,                               // lea rax, [rax+r11+8]
            0x4C, 0x8B, 0x14, 0x24,                                     // mov r10, [rsp]
            0x4C, 0x89, 0x10,                                           // mov [rax], r10
            0x48, 0x89, 0x78, 0x08,                                     // mov [rax+8], rdi
            0x48, 0x89, 0x70, 0x10,                                     // mov [rax+16], rsi
            0x48, 0x89, 0x50, 0x18,                                     // mov [rax+24], rdx
            0x48, 0x89, 0x48, 0x20,                                     // mov [rax+32], rcx
            0x4C, 0x89, 0x40, 0x28,                                     // mov [rax+40], r8
            0x4C, 0x89, 0x48, 0x30,                                     // mov [rax+48], r9
        ]);
        for (int word = 0; word < StackWords; word++)
        {
            code.AddRange([0x4C, 0x8B, 0x54, 0x24, (byte)(8 + 8 * word)]);  // mov r10, [rsp+8+8*word]
            code.AddRange([0x4C, 0x89, 0x50, (byte)(72 + 8 * word)]);       // mov [rax+72+8*word], r10
        }
        code.Add(0xC3);                                                 // ret
        return code.ToArray();
    }

    /// <summary>Entered by <c>b</c> from a slot: x16 is the probe index, x30 and sp are the stub's own.</summary>
    private static byte[] Arm64Recorder(long buffer)
    {
        uint[] instructions =
        [
            0x580002D1, // ldr  x17, literal (+0x58)
            0xF9400229, // ldr  x9, [x17]
            0x9100052A, // add  x10, x9, #1
            0xF900022A, // str  x10, [x17]
            0x92401529, // and  x9, x9, #63
            0x8B091E2A, // add  x10, x17, x9, lsl #7
            0x9100214A, // add  x10, x10, #8
            0xF9000150, // str  x16, [x10]
            0xA9008540, // stp  x0, x1, [x10, #8]
            0xA9018D42, // stp  x2, x3, [x10, #24]
            0xA9029544, // stp  x4, x5, [x10, #40]
            0xA9039D46, // stp  x6, x7, [x10, #56]
            0xA94033EB, // ldp  x11, x12, [sp]
            0xA904B14B, // stp  x11, x12, [x10, #72]
            0xA94133EB, // ldp  x11, x12, [sp, #16]
            0xA905B14B, // stp  x11, x12, [x10, #88]
            0xA94233EB, // ldp  x11, x12, [sp, #32]
            0xA906B14B, // stp  x11, x12, [x10, #104]
            0xF9401BEB, // ldr  x11, [sp, #48]
            0xF9003D4B, // str  x11, [x10, #120]
            0xD65F03C0, // ret
            0xD503201F, // nop (aligns the literal to 8)
        ];
        var code = new byte[instructions.Length * 4 + 8];
        for (int i = 0; i < instructions.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(code.AsSpan(i * 4), instructions[i]);
        BinaryPrimitives.WriteInt64LittleEndian(code.AsSpan(instructions.Length * 4), buffer); // literal
        return code;
    }
}
