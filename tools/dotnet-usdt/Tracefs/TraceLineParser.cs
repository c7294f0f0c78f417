using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using DotnetUsdt.Formatting;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Tracefs;

/// <summary>
/// Decodes a line of an instance's <c>trace_pipe</c>:
/// <c>  COMM-TID  (TGID) [CPU] FLAGS  SECONDS: EVENT: (0xADDR) a0=1 t1="text" ...</c>
/// (the TGID column with <c>options/record-tgid</c>; COMM may hold spaces and dashes).
/// A NULL pointer's text reads as <c>(fault)</c>.
/// </summary>
internal sealed partial class TraceLineParser
{
    private readonly IReadOnlyDictionary<string, UprobeDefinition> _events;

    public TraceLineParser(IReadOnlyDictionary<string, UprobeDefinition> events) => _events = events;

    public ProbeEvent? Parse(string line)
    {
        Match header = Header().Match(line);
        if (!header.Success || !_events.TryGetValue(header.Groups["event"].Value, out UprobeDefinition? definition))
            return null;
        string args = header.Groups["args"].Value;
        var values = new ArgumentValue[definition.Probe.Note.Arguments.Count];
        Array.Fill(values, ArgumentValue.Unavailable);
        var words = new Dictionary<int, long>();
        var texts = new Dictionary<int, string?>();
        int at = 0;
        IReadOnlyList<UprobeField> fields = definition.Fields;
        for (int i = 0; i < fields.Count; i++)
        {
            string prefix = " " + fields[i].Name + "=";
            if (string.CompareOrdinal(args, at, prefix, 0, prefix.Length) != 0)
                return null;
            at += prefix.Length;
            string? next = i + 1 < fields.Count ? " " + fields[i + 1].Name + "=" : null;
            int end;
            if (fields[i].IsText && at < args.Length && args[at] == '"')
            {
                // The text ends at the quote before the next field (or the line's last quote).
                end = next is null ? args.LastIndexOf('"') : args.IndexOf("\"" + next, at + 1, StringComparison.Ordinal);
                if (end <= at)
                    return null;
                texts[fields[i].Slot] = args[(at + 1)..end];
                end++;
            }
            else
            {
                end = next is null ? args.Length : args.IndexOf(next, at, StringComparison.Ordinal);
                if (end < 0)
                    return null;
                string value = args[at..end];
                if (fields[i].IsText)
                    texts[fields[i].Slot] = null; // (fault): a NULL pointer
                else if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long word))
                    words[fields[i].Slot] = word;
                else
                    return null;
            }
            at = end;
        }
        foreach ((int slot, long word) in words)
            values[slot] = texts.TryGetValue(slot, out string? text) ? ArgumentValue.Pointer(word, text) : ArgumentValue.Integer(word);
        long timestamp = (long)Math.Round(double.Parse(header.Groups["seconds"].Value, CultureInfo.InvariantCulture) * 1e9);
        int tgid = header.Groups["tgid"].Success && int.TryParse(header.Groups["tgid"].Value, out int t) ? t : 0;
        return new ProbeEvent(definition.Probe, tgid, int.Parse(header.Groups["tid"].Value, CultureInfo.InvariantCulture), timestamp, values);
    }

    [GeneratedRegex(@"^\s*(?<comm>.*?)-(?<tid>\d+)\s+(?:\(\s*(?<tgid>\d+|-+)\)\s+)?\[(?<cpu>\d+)\]\s+(?:\S+\s+)?(?<seconds>\d+\.\d+):\s+(?<event>\w+):\s+\(0x[0-9a-f]+\)(?<args>.*)$")]
    private static partial Regex Header();
}
