using System;
using System.Collections.Generic;
using Usdt;

namespace AssemblyToProcess.Shapes;

public enum Color : byte { Red = 1, Green = 2, Blue = 200 }

public enum Level : long { Low = -5, High = 1L << 40 }

public enum Small : sbyte { Minus = -3, Plus = 3 }

[Flags]
public enum Access : uint { None = 0, Read = 1, Write = 2, All = 0x80000003 }

/// <summary>Every argument kind of the contract's table, as parameters and as return values.</summary>
[Probe]
public class Parameters
{
    public int Integers(sbyte a, byte b, short c, ushort d, int e, uint f) => a + b + c + d + e + (int)f;

    public long Wide(long a, ulong b, nint c, nuint d) => a + (long)b + c + (long)d;

    public int Chars(char c, bool flag) => flag ? c : -c;

    public Color Enums(Color color, Level level, Small small, Access access) =>
        level == Level.High || small == Small.Plus || access == Access.All ? color : Color.Red;

    public double Floats(float f, double d) => f + d;

    public float Half(float f) => f / 2;

    public DateTime Times(DateTime when, DateTimeOffset offset, TimeSpan span) => when + span + (offset - offset.UtcDateTime.Date.AddHours(0)).Duration() * 0;

    public TimeSpan Span(TimeSpan span) => span + span;

    public DateTimeOffset Offset(DateTimeOffset offset) => offset.AddMinutes(1);

    public string Guids(Guid id) => id.ToString("N");

    public Guid NewGuid(string text) => Guid.Parse(text);

    public int ByReference(ref int counter, in long limit, out string text, ref string name)
    {
        counter++;
        text = $"{counter}/{limit}";
        name = name.ToUpperInvariant();
        return counter;
    }

    public bool TryParse(string text, out int value, out DateTime when)
    {
        when = new DateTime(2000, 1, 1);
        return int.TryParse(text, out value);
    }

    public void RefEnum(ref Color color, in Guid id, ref double d)
    {
        color = Color.Blue;
        d = d * 2 + id.ToByteArray()[0] * 0;
    }

    public int Unsupported(List<int> list, object thing, Pair pair, int[] numbers, int? maybe, decimal amount) =>
        list.Count + (thing is null ? 0 : 1) + pair.Left + numbers.Length + (maybe ?? 0) + (int)amount;

    public List<int> ReturnsUnsupported(int n) => [n, n];

    public int? ReturnsNullable(int n) => n > 0 ? n : null;

    public object Boxed(int n) => n;

    public string? Strings(string? a, string? b) => a is null ? b : a + b;

    public int Thirteen(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13) =>
        a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13;

    public string Twelve(long a1, string a2, int a3, char a4, bool a5, double a6, short a7, byte a8, string a9, Color a10, long a11, int a12) =>
        $"{a1}{a2}{a3}{a4}{a5}{a6}{a7}{a8}{a9}{a10}{a11}{a12}";

    public unsafe int Pointers(int* value, delegate*<int, int> twice) => twice(*value);

    public static int Twice(int x) => x * 2;

    public char ReturnsChar(int code) => (char)code;

    public bool ReturnsBool(int x) => x > 0;

    public Color ReturnsEnum(int x) => (Color)x;

    public ref int RefReturn(int[] values, int index) => ref values[index];

    public ref readonly int RefReadonlyReturn(int[] values) => ref values[0];

    public Span<int> SpanReturn(int[] values) => values.AsSpan(1);

    public int SpanArgument(Span<int> values, ReadOnlySpan<char> text) => values.Length + text.Length;

    public string LongString(int repeat) => new('é', repeat);
}
