using System.Collections.Generic;
using System.Linq;

namespace DotnetUsdt.Bpftrace;

/// <summary>
/// The fields of one probe's output line: <c>ID\tPROVIDER:NAME\tPID\tTID\tNSECS</c>, then per
/// read slot its word, and for text slots also the text.
/// </summary>
internal sealed class RecordLayout
{
    public const int FixedFields = 5;

    public RecordLayout(IReadOnlyList<SlotRead> slots) => Slots = slots;

    /// <summary>One entry per argument slot of the probe.</summary>
    public IReadOnlyList<SlotRead> Slots { get; }

    public int FieldCount => FixedFields + Slots.Sum(s => s switch { SlotRead.Integer => 1, SlotRead.Text => 2, _ => 0 });

    public int TextCount => Slots.Count(s => s == SlotRead.Text);
}
