using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Usdt.Tests.Tracers;

/// <summary>
/// One event line of a tracefs <c>trace</c> file:
/// <c>TASK-TID [CPU] FLAGS TIMESTAMP: EVENT: (0xIP) name=value ...</c>
/// (an optional <c>(TGID)</c> column, printed with the <c>record-tgid</c> option, is skipped).
/// Text is kept byte for byte (decoded as Latin-1), so string fields can be checked as the
/// exact bytes the tracer read.
/// </summary>
/// <param name="ProcessId">
/// The firing process, from <c>/proc/TID/status</c> at parse time; null when the thread
/// has exited since. (tracefs's own TGID column is not used: it is learnt only at a
/// context switch and was seen naming another process for a reused thread id.) To keep
/// one process's events, trace a file only it maps, as every generated library is.
/// </param>
/// <param name="ThreadId">The firing thread (what tracefs calls PID).</param>
public sealed partial record TraceRecord(int? ProcessId, int ThreadId, string Event, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>A field as signed integer (tracefs prints <c>:sN</c>/<c>:uN</c> fields in decimal, <c>:xN</c> in hex).</summary>
    public long Integer(string field)
    {
        string value = Fields[field];
        return value.StartsWith("0x", StringComparison.Ordinal)
            ? (long)ulong.Parse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : value.StartsWith('-') ? long.Parse(value, CultureInfo.InvariantCulture)
            : (long)ulong.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>A field as unsigned integer.</summary>
    public ulong Unsigned(string field) => (ulong)Integer(field);

    /// <summary>The bytes of a <c>:string</c> field, without its quotes; null when tracefs printed <c>(fault)</c>.</summary>
    public byte[]? StringBytes(string field)
    {
        string value = Fields[field];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            return Encoding.Latin1.GetBytes(value[1..^1]);
        return value == "(fault)" ? null : throw new FormatException($"field {field} is not a string: {value}");
    }

    /// <summary>A <c>:string</c> field decoded as UTF-8; null for <c>(fault)</c> (a NULL pointer).</summary>
    public string? Text(string field) => StringBytes(field) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>
    /// Parses one line of <c>trace</c> whose event has the given fields in order. Field
    /// values are cut at the next <c>" name="</c>, so a string may hold spaces and quotes.
    /// </summary>
    public static TraceRecord? TryParse(string line, IReadOnlyList<string> fieldNames) => TryParse(line, fieldNames, null);

    /// <param name="processes">Thread-to-process ids already looked up while reading one trace.</param>
    internal static TraceRecord? TryParse(string line, IReadOnlyList<string> fieldNames, Dictionary<int, int?>? processes)
    {
        Match match = LinePattern().Match(line);
        if (!match.Success)
            return null;
        string rest = match.Groups["rest"].Value;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        int at = 0;
        for (int i = 0; i < fieldNames.Count; i++)
        {
            string key = " " + fieldNames[i] + "=";
            if (!rest.AsSpan(at).StartsWith(key, StringComparison.Ordinal))
                return null;
            int start = at + key.Length;
            int end = i + 1 < fieldNames.Count ? rest.IndexOf(" " + fieldNames[i + 1] + "=", start, StringComparison.Ordinal) : rest.Length;
            if (end < 0)
                return null;
            fields[fieldNames[i]] = rest[start..end];
            at = end;
        }
        int thread = int.Parse(match.Groups["tid"].Value, CultureInfo.InvariantCulture);
        int? process;
        if (processes is null || !processes.TryGetValue(thread, out process))
        {
            process = ThreadGroupOf(thread);
            processes?.Add(thread, process);
        }
        return new TraceRecord(process, thread, match.Groups["event"].Value, fields);
    }

    private static int? ThreadGroupOf(int thread)
    {
        try
        {
            foreach (string line in System.IO.File.ReadLines($"/proc/{thread}/status"))
            {
                if (line.StartsWith("Tgid:", StringComparison.Ordinal))
                    return int.Parse(line[5..].Trim(), CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            // the thread is gone
        }
        return null;
    }

    // The task name may hold spaces and dashes (".NET TP Worker"); the thread id is the
    // number before the optional "(TGID)" and the CPU column.
    [GeneratedRegex(@"^\s*.*?-(?<tid>\d+)\s+(?:\(\s*(?:\d+|-+)\)\s+)?\[\d+\]\s+\S+\s+[\d.]+: (?<event>[^:\s]+): \(0x[0-9a-f]+\)(?<rest>.*)$")]
    private static partial Regex LinePattern();
}
