using System;
using System.Collections.Generic;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Fody.Tests.Support;

/// <summary>Reading probe events: argument words as the tracer saw them.</summary>
internal static class Traced
{
    public const string Provider = "assemblytoprocess";

    public static long Arg(this TraceRecord record, int index) => record.Integer("a" + index);

    /// <summary>A string argument's text; null for a NULL pointer.</summary>
    public static string? Text(this TraceRecord record, int index) =>
        record.Integer("a" + index) == 0 ? null : record.Text("s" + index);

    /// <summary>The return probe's exception name (arg2), null when the method returned normally.</summary>
    public static string? ExceptionName(this TraceRecord record) => record.Text(2);

    public static long ElapsedNanoseconds(this TraceRecord record) => record.Arg(1);

    /// <summary>Events of <paramref name="probe"/> from this process; fails with the trace's tail when the count is not <paramref name="expected"/>.</summary>
    public static IReadOnlyList<TraceRecord> Expect(this TracedProbes traced, string probe, int expected)
    {
        IReadOnlyList<TraceRecord> records = traced.Read(probe);
        Assert.True(records.Count == expected, $"{records.Count} events of {probe}, expected {expected}\n{traced.Dump()}");
        return records;
    }
}
