using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Usdt.Tests.Tracers;

/// <summary>
/// One sample line of <c>perf script -F</c> <see cref="ScriptFields"/> for a uprobe event:
/// <c>COMM PID/TID [CPU] TIME: GROUP:EVENT: (IP) arg1=... arg2=...</c>.
/// </summary>
public sealed partial record PerfSample(int ProcessId, int ThreadId, string Event, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The fields asked of <c>perf script</c>: both ids, since its default shows only the thread's.</summary>
    public const string ScriptFields = "comm,pid,tid,cpu,time,event,trace";

    /// <summary>Argument <paramref name="index"/> (0-based; perf names SDT arguments from arg1).</summary>
    public long Argument(int index)
    {
        string value = Fields[$"arg{index + 1}"];
        return value.StartsWith("0x", StringComparison.Ordinal)
            ? (long)ulong.Parse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : value.StartsWith('-') ? long.Parse(value, CultureInfo.InvariantCulture)
            : (long)ulong.Parse(value, CultureInfo.InvariantCulture);
    }

    public static PerfSample? TryParse(string line)
    {
        Match match = LinePattern().Match(line);
        if (!match.Success)
            return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string field in match.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = field.IndexOf('=');
            if (equals > 0)
                fields[field[..equals]] = field[(equals + 1)..];
        }
        return new PerfSample(int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["tid"].Value, CultureInfo.InvariantCulture), match.Groups["event"].Value, fields);
    }

    // The command name may hold spaces; PID/TID stand right before the CPU column.
    [GeneratedRegex(@"^\s*.*?\s(?<pid>\d+)/(?<tid>\d+)\s+\[\d+\]\s+[\d.]+:\s+(?<event>\S+):\s+\([0-9a-f]+\)(?<rest>.*)$")]
    private static partial Regex LinePattern();
}
