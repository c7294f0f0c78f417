using Usdt;

namespace ProbeCheck;

/// <summary>One woven method per argument kind (and one with twelve arguments); CheckedCalls calls them.</summary>
[Probe]
public sealed class Kinds
{
    public int AddOne(int value) => value + 1;

    public long Twice(long value) => value * 2;

    public bool Not(bool value) => !value;

    public char NextChar(char value) => (char)(value + 1);

    public byte NextByte(byte value) => (byte)(value + 1);

    public short Negate(short value) => (short)-value;

    public double Half(double value) => value / 2;

    public Shade Flip(Shade value) => value == Shade.Dark ? Shade.Light : Shade.Dark;

    public string Repeat(int times, string text) => string.Concat(Enumerable.Repeat(text, times));

    public int Length(string? text) => text?.Length ?? -1;

    public DateTime NextDay(DateTime value) => value.AddDays(1);

    public int FirstByte(Guid value) => value.ToByteArray()[0];

    public Guid MakeGuid(int seed) => new(seed, 0x1234, 0x5678, 0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78);

    public int Fail(int code) => throw new InvalidOperationException($"failed with {code}");

    public long Twelve(int a, long b, bool c, char d, byte e, short f, double g, Shade h, string i, DateTime j, Guid k, ulong l) =>
        a + f + (int)h;
}
