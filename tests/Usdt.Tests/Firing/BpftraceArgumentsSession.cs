using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Usdt.Tests.Tracers;
using K = Usdt.ProbeArgumentType;

namespace Usdt.Tests.Firing;

/// <summary>
/// One bpftrace session, attached by library path, that sees one fire of each probe below;
/// <see cref="BpftraceArgumentTests"/> checks what it printed, value by value. Attaching
/// takes bpftrace a second or two, so every check shares this single attachment.
/// </summary>
/// <remarks>bpftrace 0.17 reads only arg0..arg5 of USDT probes on x86-64; the later six are checked through tracefs and perf.</remarks>
public sealed class BpftraceArgumentsSession
{
    public const string NonAscii = "héllo wörld € 😀 ñ";
    public static readonly Guid SomeGuid = new("0f8fad5b-d9cb-469f-a165-70867728950e");
    public static readonly DateTime SomeDate = new(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc);
    public static readonly TimeSpan SomeSpan = TimeSpan.FromMilliseconds(-1234.5);

    /// <summary>Texts fired through a provider whose string limit is <see cref="CutLimit"/> bytes.</summary>
    public static readonly string[] CutTexts = ["abcdefghijklmnop", "ééééééé", "aéééééé", "€€€€", "😀😀😀", "abcdefghij"];
    public const int CutLimit = 10;

    public enum Colour : sbyte { Red = -3 }

    public BpftraceArgumentsSession()
    {
        Skipped = TracerRequirements.Bpftrace();
        if (Skipped is not null)
            return;

        var main = new UsdtProvider(UniqueNames.Next("bt"));
        Probe intsMin = main.AddProbe("ints_min", K.Int8, K.UInt8, K.Int16, K.UInt16, K.Int32, K.UInt32);
        Probe intsMax = main.AddProbe("ints_max", K.Int8, K.UInt8, K.Int16, K.UInt16, K.Int32, K.UInt32);
        Probe wideMin = main.AddProbe("wide_min", K.Int64, K.UInt64, K.UInt8, K.UInt16, K.Int64, K.Int64);
        Probe wideMax = main.AddProbe("wide_max", K.Int64, K.UInt64, K.UInt8, K.UInt16, K.Int64, K.Int64);
        Probe texts = main.AddProbe("texts", K.Utf8String, K.Utf8String, K.Utf8String, K.Utf8String);
        Probe misc = main.AddProbe("misc", K.Int8, K.Int64, K.Int64, K.Utf8String, K.Int64, K.UInt64);
        var cut = new UsdtProvider(UniqueNames.Next("cut")) { StringLimit = CutLimit };
        Probe cutTexts = cut.AddProbe("cut", Enumerable.Repeat(K.Utf8String, CutTexts.Length).ToArray());
        string mainPath = Active(main.Register());
        string cutPath = Active(cut.Register());

        string On(string path, UsdtProvider provider, string probe) => $"usdt:{path}:{provider.Name}:{probe}";
        const string Ints = "|%d|%u|%d|%u|%d|%u\\n\", arg0, arg1, arg2, arg3, arg4, arg5); }";
        const string Wide = "|%lld|%llu|%u|%u|%llx|%llx\\n\", arg0, arg1, arg2, arg3, arg4, arg5); }";
        string script = string.Join('\n',
            On(mainPath, main, "ints_min") + " { printf(\"ints_min" + Ints,
            On(mainPath, main, "ints_max") + " { printf(\"ints_max" + Ints,
            On(mainPath, main, "wide_min") + " { printf(\"wide_min" + Wide,
            On(mainPath, main, "wide_max") + " { printf(\"wide_max" + Wide,
            On(mainPath, main, "texts") + " { printf(\"texts|%s|%s|%llu|%s|\\n\", str(arg0), str(arg1), arg2, str(arg3)); }",
            On(mainPath, main, "misc") + " { printf(\"misc|%d|%lld|%lld|%s|%lld|%llu\\n\", arg0, arg1, arg2, str(arg3), arg4, arg5); }",
            On(cutPath, cut, "cut") + " { printf(\"cut|%s|%s|%s|%s|%s|%s|\\n\", str(arg0), str(arg1), str(arg2), str(arg3), str(arg4), str(arg5)); }");

        // 48 bytes hold every text fired here (a GUID takes 37) and keep six str() within BPF's 512-byte stack.
        using BpftraceSession bpftrace = BpftraceSession.Start(script, stringLength: 48);
        WasEnabledBefore = intsMin.IsEnabled;
        bpftrace.WaitUntilAttached();
        EnabledWhileAttached = new[] { intsMin, intsMax, wideMin, wideMax, texts, misc, cutTexts }.All(p => p.IsEnabled);

        intsMin.Fire(sbyte.MinValue, byte.MinValue, short.MinValue, ushort.MinValue, int.MinValue, uint.MinValue);
        intsMax.Fire(sbyte.MaxValue, byte.MaxValue, short.MaxValue, ushort.MaxValue, int.MaxValue, uint.MaxValue);
        wideMin.Fire(long.MinValue, ulong.MinValue, false, char.MinValue, -0.0, float.NegativeInfinity);
        wideMax.Fire(long.MaxValue, ulong.MaxValue, true, char.MaxValue, double.MaxValue, 1.5f);
        texts.Fire("", NonAscii, (string?)null, "plain");
        misc.Fire(ProbeArgument.FromEnum(Colour.Red), SomeDate, SomeSpan, SomeGuid, (nint)(-42), nuint.MaxValue);
        cutTexts.Fire(CutTexts[0], CutTexts[1], CutTexts[2], CutTexts[3], CutTexts[4], CutTexts[5]);

        string[] tags = ["ints_min|", "ints_max|", "wide_min|", "wide_max|", "texts|", "misc|", "cut|"];
        bpftrace.WaitForOutput(lines => tags.All(tag => lines.Any(line => line.StartsWith(tag, StringComparison.Ordinal))), "a line for every fire");
        bpftrace.Stop();
        Lines = bpftrace.RawLines;
        Errors = bpftrace.Errors;
        EnabledAfterStop = intsMin.IsEnabled;
    }

    /// <summary>Why the session did not run, or null.</summary>
    public string? Skipped { get; }

    public IReadOnlyList<byte[]> Lines { get; } = [];

    public IReadOnlyList<string> Errors { get; } = [];

    public bool WasEnabledBefore { get; }

    public bool EnabledWhileAttached { get; }

    public bool EnabledAfterStop { get; }

    /// <summary>The fields of the single line that starts with <paramref name="tag"/>, split at '|', each as raw bytes.</summary>
    public byte[][] Fields(string tag)
    {
        byte[] prefix = Encoding.ASCII.GetBytes(tag + "|");
        var lines = Lines.Where(line => line.AsSpan().StartsWith(prefix)).ToArray();
        if (lines.Length != 1)
            throw new Xunit.Sdk.XunitException(
                $"expected one '{tag}' line from bpftrace, got {lines.Length}:\n{string.Join('\n', Lines.Select(Encoding.UTF8.GetString))}\nstderr:\n{string.Join('\n', Errors)}");
        return Split(lines[0]).Skip(1).ToArray();
    }

    /// <summary>The fields of <paramref name="tag"/>'s line as text.</summary>
    public string[] Texts(string tag) => Fields(tag).Select(Encoding.UTF8.GetString).ToArray();

    private static IEnumerable<byte[]> Split(byte[] line)
    {
        // '|' (0x7c) never occurs inside a multi-byte UTF-8 sequence.
        int start = 0;
        for (int i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == (byte)'|')
            {
                yield return line[start..i];
                start = i + 1;
            }
        }
    }

    private static string Active(ProbeRegistration registration) =>
        registration.IsActive ? registration.LibraryPath! : throw new InvalidOperationException($"registration failed: {registration}");
}
