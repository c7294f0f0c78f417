using System;
using System.Linq;
using System.Text;
using Usdt.Firing;
using Usdt.Tests.Tracers;
using Xunit;
using static Usdt.Tests.Firing.TracefsArgumentsSession;

namespace Usdt.Tests.Firing;

/// <summary>
/// What the kernel's own uprobe tracer read from each fire, in a tracefs instance of the
/// test's own: twelve arguments (registers, then stack), every width and sign, strings.
/// </summary>
public sealed class TracefsArgumentTests(TracefsArgumentsSession session) : IClassFixture<TracefsArgumentsSession>
{
    [SkippableFact]
    public void TwelveArgumentsArriveFromRegistersAndStackAtTheirMinimum()
    {
        Requires.Met(session.Skipped);

        Assert.True(session.Twelve.Count == 2, $"expected two events:\n{string.Join('\n', session.Definitions)}\n{session.RawTrace}");
        Assert.Equal(
            ["-128", "0", "-32768", "0", "-2147483648", "0", "-9223372036854775808", "0", "-1", "0", "-2147483648", "0"],
            Fields(session.Twelve[0]));
    }

    [SkippableFact]
    public void TwelveArgumentsArriveFromRegistersAndStackAtTheirMaximum()
    {
        Requires.Met(session.Skipped);

        Assert.True(session.Twelve.Count == 2, $"expected two events:\n{string.Join('\n', session.Definitions)}\n{session.RawTrace}");
        Assert.Equal(
            ["127", "255", "32767", "65535", "2147483647", "4294967295", "9223372036854775807", "18446744073709551615", "127", "65535", "2147483647", "18446744073709551615"],
            Fields(session.Twelve[1]));
    }

    [SkippableFact]
    public void TwelveStringsArriveByteForByteWithinTheDefaultLimit()
    {
        Requires.Met(session.Skipped);

        var record = Assert.Single(session.Strings);
        for (int i = 0; i < Texts.Length; i++)
        {
            if (Texts[i] is null)
                continue;
            byte[] expected = Encoding.UTF8.GetBytes(Expected(Texts[i]!, ProbeLimits.DefaultStringLimit));
            Assert.True(expected.AsSpan().SequenceEqual(record.StringBytes($"s{i}")),
                $"argument {i}: expected {expected.Length} bytes, got {record.StringBytes($"s{i}")?.Length}: {record.Fields[$"s{i}"]}");
        }
    }

    [SkippableFact]
    public void OverLimitStringsAreCutOnACharacterBoundary()
    {
        Requires.Met(session.Skipped);

        var record = Assert.Single(session.Strings);
        // 255 'a' then 'é' (2 bytes): the 'é' would end at byte 257, so the cut keeps 255.
        Assert.Equal(new string('a', 255), record.Text("s3"));
        // 256 'c' then 'd': exactly the limit.
        Assert.Equal(new string('c', 256), record.Text("s4"));
        // 254 'e' then a 4-byte emoji: cut at 254.
        Assert.Equal(new string('e', 254), record.Text("s9"));
        Assert.Equal(new string('z', 256), record.Text("s11"));
    }

    [SkippableFact]
    public void NullStringsArriveAsNullPointers()
    {
        Requires.Met(session.Skipped);

        var record = Assert.Single(session.Strings);
        Assert.Equal(0, record.Integer("a2"));
        Assert.Equal(0, record.Integer("a7")); // on the stack
        Assert.Null(record.StringBytes("s2")); // tracefs prints (fault) for a NULL pointer
        Assert.NotEqual(0, record.Integer("a0")); // an empty string is not NULL
        Assert.Equal("", record.Text("s0"));
    }

    [SkippableFact]
    public void SemaphoreInTheUprobeDefinitionIsRaisedOnlyWhileEnabled()
    {
        Requires.Met(session.Skipped);

        Assert.All(session.Definitions, d => Assert.Matches(@":0x[0-9a-f]+\(0x[0-9a-f]+\) ", d));
        Assert.Equal((false, true, false), (session.WasEnabledBefore, session.EnabledWhileAttached, session.EnabledAfterDisable));
    }

    [SkippableFact]
    public void EventsNameTheFiringProcessAndThread()
    {
        Requires.Met(session.Skipped);

        Assert.All(session.Twelve.Concat(session.Strings), record =>
        {
            Assert.Equal(Environment.ProcessId, record.ProcessId);
            Assert.Equal(session.FiringThread, record.ThreadId);
        });
    }

    private static string[] Fields(Tracers.TraceRecord record) =>
        Enumerable.Range(0, 12).Select(i => record.Fields[$"a{i}"]).ToArray();

    /// <summary>What a tracer must read for <paramref name="text"/>: the longest whole-character prefix of at most <paramref name="limit"/> UTF-8 bytes.</summary>
    private static string Expected(string text, int limit)
    {
        int bytes = 0, end = 0;
        foreach (System.Text.Rune rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > limit)
                break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }
}
