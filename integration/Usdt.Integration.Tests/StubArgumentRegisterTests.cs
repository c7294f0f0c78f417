using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ProbeCheck;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// Woven code from the package hands each stub its arguments exactly where the probe
/// library's notes tell a tracer to read them, on x64 and on arm64. Uprobes cannot run
/// under emulation, so ProbeCheck plays the tracer itself: it patches every stub to record
/// its registers and stack, raises every semaphore, and prints what each stub received;
/// the test decodes that with the notes binutils' readelf reads from the library.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class StubArgumentRegisterTests(SampleShopBuild shop)
{
    /// <summary>ProbeRegistration.StubStride: probe i's stub is at .text + 8 i (the runtime's public layout contract).</summary>
    private const int StubStride = 8;

    [SkippableFact]
    public void X64StubsReceiveEveryArgumentWhereTheNotesSay()
    {
        Requires.Met(TracerRequirements.Readelf());
        string directory = ProbeCheckRuns.PortableBuild(shop);
        CommandResult run = ProbeCheckRuns.RunNative(directory, ProbeCheckRuns.CheckRegisters);
        CheckAgainstNotes(run, Path.Combine(directory, "ProbeCheck.usdt.x64.so"), "x64");
    }

    [SkippableFact]
    public void Arm64StubsReceiveEveryArgumentWhereTheNotesSayUnderEmulation()
    {
        Requires.Met(Arm64Emulation.Unmet() ?? TracerRequirements.Readelf());
        string directory = ProbeCheckRuns.Arm64Publish(shop);
        CommandResult run = ProbeCheckRuns.RunEmulated(directory, ProbeCheckRuns.CheckRegisters);
        CheckAgainstNotes(run, Path.Combine(directory, "ProbeCheck.usdt.arm64.so"), "arm64");
    }

    private static void CheckAgainstNotes(CommandResult run, string library, string architecture)
    {
        Assert.True(run.ExitCode == 0, $"ProbeCheck exited {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        ProbeCheckOutput output = ProbeCheckOutput.Parse(run.Stdout);
        // The stubs patched are those of the library the build put beside the app.
        Assert.Equal("BuiltLibrary", output.Placement);
        Assert.Equal(library, output.LibraryPath);

        long text = Readelf.Sections(library)[".text"].Address;
        Dictionary<long, SdtNote> notes = Readelf.Notes(library).ToDictionary(n => n.Location);
        Assert.Equal(output.ProbeCount, notes.Count);

        var mismatches = new List<string>();
        foreach (CheckedCall call in CheckedCalls.All)
        {
            StubRecord[] records = output.Records.Where(r => r.Method == call.Method).ToArray();
            if (records.Length != 2)
            {
                mismatches.Add($"{call.Method}: {records.Length} stubs ran, expected its entry and its return probe");
                continue;
            }
            Expected[] entry = call.Arguments.Select(Expected.Of).ToArray();
            // Return probes: the value (0 when the method threw), the elapsed nanoseconds, the exception type.
            Expected[] exit =
            [
                call.Throws is null ? Expected.Of(call.Returns) : Expected.Integer(0),
                Expected.Any,
                call.Throws is null ? Expected.Of(null) : Expected.Text(call.Throws),
            ];
            Check(records[0], "entry", entry);
            Check(records[1], "return", exit);
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches) + "\n\nProbeCheck printed:\n" + run.Stdout);
        Assert.Equal(CheckedCalls.All.Select(c => c.Method), output.Calls.Select(c => c.Split(' ')[1]));
        Assert.All(output.Calls, line => Assert.EndsWith(" as expected", line));

        void Check(StubRecord record, string suffix, Expected[] expected)
        {
            if (!notes.TryGetValue(text + (long)record.Probe * StubStride, out SdtNote? note))
            {
                mismatches.Add($"{record.Method}: stub {record.Probe} has no note");
                return;
            }
            string what = $"{record.Method} ({note.Name} {note.ArgumentSpec})";
            if (note.Name != $"Kinds__{record.Method}__{suffix}")
                mismatches.Add($"{what}: the {suffix} probe's stub was expected");
            IReadOnlyList<SdtArgument> arguments = note.Arguments;
            if (arguments.Count != expected.Length)
            {
                mismatches.Add($"{what}: {arguments.Count} arguments in the note, {expected.Length} expected");
                return;
            }
            for (int i = 0; i < expected.Length; i++)
            {
                SdtArgument argument = arguments[i];
                string? location = SdtOperandLocation.Of(argument.Operand, architecture);
                if (location is null || !record.Words.TryGetValue(location, out long word))
                {
                    mismatches.Add($"{what} arg{i}: operand '{argument.Operand}' is not an argument register or stack slot of a {architecture} stub");
                    continue;
                }
                string? problem = expected[i].Problem(argument, word, record.Texts.TryGetValue(location, out string? t) ? (true, t) : (false, null));
                if (problem is not null)
                    mismatches.Add($"{what} arg{i} ({argument.Size}{(argument.Signed ? " signed" : "")} bytes at {argument.Operand} = {location}): {problem}");
            }
        }
    }

    /// <summary>What a tracer must read for one argument, mapped as the README's table says.</summary>
    private sealed record Expected(string Kind, long Value = 0, string? Content = null)
    {
        public static readonly Expected Any = new("any");

        public static Expected Integer(long value) => new("integer", value);

        public static Expected Text(string text) => new("text", Content: text);

        public static Expected Of(object? value) => value switch
        {
            null => new Expected("null"),
            string s => Text(s),
            Guid g => Text(g.ToString("D")),
            bool b => Integer(b ? 1 : 0),
            char c => Integer(c),
            double d => Integer(BitConverter.DoubleToInt64Bits(d)),
            DateTime t => Integer(t.Ticks),
            Enum e => Integer(Convert.ToInt64(e, CultureInfo.InvariantCulture)),
            ulong u => Integer(unchecked((long)u)),
            _ => Integer(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        };

        /// <summary>Why <paramref name="word"/> read by <paramref name="argument"/> is not this, or null when it is.</summary>
        public string? Problem(SdtArgument argument, long word, (bool Read, string? Content) text)
        {
            switch (Kind)
            {
                case "any":
                    return null;
                case "integer":
                    long value = SdtOperandLocation.Decode(word, argument);
                    if (value != Value)
                        return $"a tracer reads {value}, the app passed {Value}";
                    // Widened to 64 bits before the call: a tracer reading more bytes than the spec says still gets the value.
                    return word == value ? null : $"the word 0x{word:x16} is not the value widened to 64 bits";
                case "null":
                    return word == 0 ? null : $"0x{word:x16} where a NULL pointer was expected";
                default:
                    if (argument.Size != 8 || argument.Signed)
                        return "a pointer must be read as 8 unsigned bytes";
                    if (!text.Read)
                        return $"the app read no text there: text arguments are not where the calling convention puts them";
                    return text.Content == Content ? null : $"points to \"{text.Content}\", the app passed \"{Content}\"";
            }
        }
    }
}
