using System;
using System.Collections.Generic;

namespace ProbeCheck;

/// <summary>An enum with a negative value: the probe must pass its underlying int, sign included.</summary>
public enum Shade
{
    Dark = -2,
    Light = 7,
}

/// <summary>One call of a woven <see cref="Kinds"/> method: its arguments and what it must return or throw.</summary>
public sealed record CheckedCall(string Method, object?[] Arguments, object? Returns, string? Throws = null);

/// <summary>
/// The calls the app makes, one per argument kind. Compiled into the app and into the
/// end-to-end tests, so the test knows what was passed without trusting the app's output.
/// </summary>
/// <remarks>
/// No call passes a string or Guid as its first argument and also returns one: the
/// return probe's arg0 reuses that argument's per-thread text buffer, so the entry probe's
/// text would be gone by the time the app reads it after the call.
/// </remarks>
public static class CheckedCalls
{
    public static readonly DateTime Instant = new DateTime(2024, 2, 28, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234567);

    public static readonly Guid Id = new("0f8fad5b-d9cb-469f-a165-70867728950e");

    public static IReadOnlyList<CheckedCall> All { get; } =
    [
        new("AddOne", [-123456789], -123456788),
        new("Twice", [-0x0123456789ABCDEFL], -0x0123456789ABCDEFL * 2),
        new("Not", [true], false),
        new("NextChar", ['\u0436'], '\u0437'),
        new("NextByte", [(byte)254], (byte)255),
        new("Negate", [(short)-32000], (short)32000),
        new("Half", [-1.5], -0.75),
        new("Flip", [Shade.Dark], Shade.Light),
        new("Repeat", [2, "Grüße, 東京 "], "Grüße, 東京 Grüße, 東京 "),
        new("Length", [null], -1),
        new("NextDay", [Instant], Instant.AddDays(1)),
        new("FirstByte", [Id], 0x5b),
        new("MakeGuid", [7], new Guid("00000007-1234-5678-9abc-def012345678")),
        new("Fail", [42], null, "System.InvalidOperationException"),
        // Twelve arguments, the most a probe takes: the last ones go on the stack
        // (from the 7th on x64, from the 9th on arm64), the text ones among them.
        new("Twelve",
            [-1, long.MinValue + 1, true, '€', (byte)0x80, (short)-1, Math.PI, Shade.Light, "on the stack ✓", DateTime.MaxValue, Id, ulong.MaxValue],
            5L),
    ];
}
