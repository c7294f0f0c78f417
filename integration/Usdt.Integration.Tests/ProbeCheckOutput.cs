using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Usdt.Integration.Tests;

/// <summary>One stub run that ProbeCheck's recorder saw (see integration/ProbeCheckApp/Program.cs for the line format).</summary>
/// <param name="Ordinal">0 for the first stub that ran during the call (its entry probe), 1 for the next.</param>
/// <param name="Probe">The probe's index: its stub is the Probe-th of the library's .text.</param>
/// <param name="Words">By location: <c>rK</c> the K-th argument register, <c>sK</c> the stack word at the stub's entry sp + 8K.</param>
/// <param name="Texts">By location: the UTF-8 text the pointer there pointed to, or null for a NULL pointer.</param>
internal sealed record StubRecord(string Method, int Ordinal, int Probe,
    IReadOnlyDictionary<string, long> Words, IReadOnlyDictionary<string, string?> Texts);

/// <summary>What ProbeCheck printed: its registration, the stub records and each call's outcome.</summary>
internal sealed partial class ProbeCheckOutput
{
    private ProbeCheckOutput(string registration, IReadOnlyList<StubRecord> records, IReadOnlyList<string> calls)
    {
        Match match = RegistrationPattern().Match(registration);
        if (!match.Success)
            throw new FormatException($"not a registration line: {registration}");
        RegistrationLine = registration;
        Placement = match.Groups["placement"].Value;
        ProbeCount = int.Parse(match.Groups["probes"].Value, CultureInfo.InvariantCulture);
        LibraryPath = match.Groups["library"].Value;
        Reason = match.Groups["reason"].Value;
        Records = records;
        Calls = calls;
    }

    public string RegistrationLine { get; }
    public string Placement { get; }
    public int ProbeCount { get; }
    public string LibraryPath { get; }
    public string Reason { get; }
    public IReadOnlyList<StubRecord> Records { get; }

    /// <summary>The <c>call METHOD returned VALUE|threw TYPE as expected|UNEXPECTED</c> lines, in order.</summary>
    public IReadOnlyList<string> Calls { get; }

    public static ProbeCheckOutput Parse(string stdout)
    {
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string registration = lines.FirstOrDefault(l => l.StartsWith("registration ", StringComparison.Ordinal))
            ?? throw new FormatException($"ProbeCheck printed no registration line:\n{stdout}");
        var records = lines.Where(l => l.StartsWith("record ", StringComparison.Ordinal)).Select(ParseRecord).ToList();
        var calls = lines.Where(l => l.StartsWith("call ", StringComparison.Ordinal)).ToList();
        return new ProbeCheckOutput(registration, records, calls);
    }

    private static StubRecord ParseRecord(string line)
    {
        string[] fields = line.Split(' ');
        var words = new Dictionary<string, long>();
        var texts = new Dictionary<string, string?>();
        foreach (string field in fields.Skip(4))
        {
            int equals = field.IndexOf('=');
            string name = field[..equals], value = field[(equals + 1)..];
            if (name.StartsWith("text.", StringComparison.Ordinal))
                texts[name["text.".Length..]] = value == "null" ? null : Encoding.UTF8.GetString(Convert.FromHexString(value));
            else
                words[name] = long.Parse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        return new StubRecord(fields[1], int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3]["probe=".Length..], CultureInfo.InvariantCulture), words, texts);
    }

    [GeneratedRegex(@"^registration placement=(?<placement>\S+) probes=(?<probes>\d+) library=(?<library>\S*) reason=(?<reason>.*)$")]
    private static partial Regex RegistrationPattern();
}
