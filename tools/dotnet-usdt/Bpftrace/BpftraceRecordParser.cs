using System;
using System.Collections.Generic;
using System.Globalization;
using DotnetUsdt.Formatting;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Bpftrace;

/// <summary>
/// Turns the lines the generated program prints back into <see cref="ProbeEvent"/>s. A line
/// is a record when it starts with a probe's index and that probe's name; a string holding a
/// tab makes extra fields, given back to the first text slot; a string holding a newline
/// continues on the next line.
/// </summary>
internal sealed class BpftraceRecordParser
{
    private readonly IReadOnlyList<Probe> _probes;
    private readonly BpftraceProgram _program;
    private string? _pending;

    public BpftraceRecordParser(IReadOnlyList<Probe> probes, BpftraceProgram program)
    {
        _probes = probes;
        _program = program;
    }

    /// <summary>The event of <paramref name="line"/>, or null when it is no record (or a record continues on the next line).</summary>
    public ProbeEvent? Parse(string line)
    {
        if (_pending is not null)
        {
            line = _pending + "\n" + line;
            _pending = null;
        }
        string[] fields = line.Split('\t');
        if (fields.Length < RecordLayout.FixedFields ||
            !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index) ||
            index >= _probes.Count || fields[1] != _probes[index].Note.FullName)
            return null;
        RecordLayout layout = _program.Layouts[index];
        int extra = fields.Length - layout.FieldCount;
        if (extra < 0)
        {
            // A string with a newline in it: the rest of the record is on the next line.
            if (layout.TextCount > 0 && line.Length < 64 * 1024)
                _pending = line;
            return null;
        }
        if (extra > 0 && layout.TextCount == 0)
            return null;

        var values = new ArgumentValue[layout.Slots.Count];
        int field = RecordLayout.FixedFields;
        for (int slot = 0; slot < values.Length; slot++)
        {
            switch (layout.Slots[slot])
            {
                case SlotRead.Integer:
                    values[slot] = ArgumentValue.Integer(Long(fields[field++]));
                    break;
                case SlotRead.Text:
                    long pointer = Long(fields[field++]);
                    string text = fields[field++];
                    for (; extra > 0; extra--)
                        text += "\t" + fields[field++];
                    values[slot] = ArgumentValue.Pointer(pointer, text);
                    break;
                default:
                    values[slot] = ArgumentValue.Unavailable;
                    break;
            }
        }
        return new ProbeEvent(_probes[index], (int)Long(fields[2]), (int)Long(fields[3]), Long(fields[4]), values);
    }

    private static long Long(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong unsigned) ? unchecked((long)unsigned)
            : throw new FormatException($"bpftrace printed '{text}' where a number was expected");
}
