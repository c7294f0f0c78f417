using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Usdt.Tests.Tracers;

/// <summary>
/// Reads a library through binutils' <c>readelf</c>, a tool nobody here wrote, so what the
/// tests see is what any tracer's own ELF reader should see.
/// </summary>
public static partial class Readelf
{
    /// <summary>Every SDT probe of <c>readelf -n</c>, in note order.</summary>
    public static IReadOnlyList<SdtNote> Notes(string path) => ParseNotes(Run("-n", "--wide", path));

    /// <summary>Raw output of <c>readelf</c> with <paramref name="options"/> (e.g. <c>-lSdW</c>).</summary>
    public static string Run(params string[] arguments) =>
        CommandRunner.Run("readelf", arguments).EnsureSuccess().Stdout;

    public static IReadOnlyList<SdtNote> ParseNotes(string output)
    {
        var notes = new List<SdtNote>();
        foreach (Match note in NotePattern().Matches(output))
        {
            notes.Add(new SdtNote(
                note.Groups["provider"].Value,
                note.Groups["name"].Value,
                Hex(note.Groups["location"].Value),
                Hex(note.Groups["base"].Value),
                Hex(note.Groups["semaphore"].Value),
                note.Groups["arguments"].Value.Trim()));
        }
        return notes;
    }

    /// <summary>The program headers of <c>readelf -lW</c>.</summary>
    public static IReadOnlyList<ProgramHeader> ProgramHeaders(string path)
    {
        var headers = new List<ProgramHeader>();
        foreach (Match header in ProgramHeaderPattern().Matches(Run("-lW", path)))
        {
            headers.Add(new ProgramHeader(
                header.Groups["type"].Value,
                Hex(header.Groups["offset"].Value),
                Hex(header.Groups["vaddr"].Value),
                Hex(header.Groups["filesz"].Value),
                Hex(header.Groups["memsz"].Value),
                header.Groups["flags"].Value.Replace(" ", "")));
        }
        return headers;
    }

    /// <summary>The section headers of <c>readelf -SW</c>, by name.</summary>
    public static IReadOnlyDictionary<string, SectionHeader> Sections(string path)
    {
        var sections = new Dictionary<string, SectionHeader>();
        foreach (Match section in SectionPattern().Matches(Run("-SW", path)))
        {
            string name = section.Groups["name"].Value;
            sections[name] = new SectionHeader(name, section.Groups["type"].Value,
                Hex(section.Groups["address"].Value), Hex(section.Groups["offset"].Value),
                Hex(section.Groups["size"].Value), section.Groups["flags"].Value);
        }
        return sections;
    }

    /// <summary>The dynamic symbols of <c>readelf --dyn-syms -W</c>, by name.</summary>
    public static IReadOnlyDictionary<string, DynamicSymbol> DynamicSymbols(string path)
    {
        var symbols = new Dictionary<string, DynamicSymbol>();
        foreach (Match symbol in SymbolPattern().Matches(Run("--dyn-syms", "-W", path)))
        {
            string name = symbol.Groups["name"].Value;
            symbols[name] = new DynamicSymbol(name, Hex(symbol.Groups["value"].Value),
                long.Parse(symbol.Groups["size"].Value, CultureInfo.InvariantCulture), symbol.Groups["type"].Value, symbol.Groups["bind"].Value);
        }
        return symbols;
    }

    private static long Hex(string text) =>
        long.Parse(text.StartsWith("0x", StringComparison.Ordinal) ? text[2..] : text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Provider: (?<provider>\S+)\s+Name: (?<name>\S+)\s+Location: (?<location>0x[0-9a-f]+), Base: (?<base>0x[0-9a-f]+), Semaphore: (?<semaphore>0x[0-9a-f]+)\s+Arguments:(?<arguments>[^\n]*)")]
    private static partial Regex NotePattern();

    [GeneratedRegex(@"^\s+(?<type>[A-Z_]+)\s+(?<offset>0x[0-9a-f]+) (?<vaddr>0x[0-9a-f]+) 0x[0-9a-f]+ (?<filesz>0x[0-9a-f]+) (?<memsz>0x[0-9a-f]+) (?<flags>[RWE ]{3}) 0x[0-9a-f]+$", RegexOptions.Multiline)]
    private static partial Regex ProgramHeaderPattern();

    [GeneratedRegex(@"^\s+\d+: (?<value>[0-9a-f]+)\s+(?<size>\d+) (?<type>[A-Z]+)\s+(?<bind>[A-Z]+)\s+\S+\s+\S+ (?<name>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SymbolPattern();

    [GeneratedRegex(@"^\s+\[\s*\d+\] (?<name>\S+)\s+(?<type>[A-Z_]+)\s+(?<address>[0-9a-f]+) (?<offset>[0-9a-f]+) (?<size>[0-9a-f]+) [0-9a-f]+ (?<flags>[A-Za-z ]{3}) ", RegexOptions.Multiline)]
    private static partial Regex SectionPattern();
}
