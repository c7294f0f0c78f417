using System;
using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>
/// Copies of a body's instructions from one index to the end, each made with its original's
/// opcode and keyed by the original: what the body copy (<see cref="BodyCopy"/>) and the
/// traced sibling (<see cref="TracedMethod"/>) both make. Until <see cref="SetOperands"/> the
/// copies change nothing, so the set also answers whether a branch or clause stays inside it.
/// </summary>
internal sealed class InstructionCopies
{
    private readonly Collection<Instruction> _originals;
    private readonly int _first;
    private readonly int _end;
    private readonly Instruction[] _copies;
    // Read bodies carry strictly ascending IL offsets, and an original is found by a binary
    // search on them. Only a body whose offsets do not ascend (another weaver changed it
    // first) is indexed by the instructions themselves: the first hash of an object is costly
    // (the runtime writes it into the object's header), a fifth of the weaving time when every
    // copied instruction was hashed.
    private readonly Dictionary<Instruction, int>? _indexOf;

    public InstructionCopies(Collection<Instruction> originals, int first)
    {
        _originals = originals;
        _first = first;
        _end = originals.Count;
        _copies = new Instruction[_end - first];
        bool ascending = true;
        for (int i = first; i < _end; i++)
        {
            Instruction copy = Instruction.Create(OpCodes.Nop);
            copy.OpCode = originals[i].OpCode;
            _copies[i - first] = copy;
            ascending &= i == first || originals[i].Offset > originals[i - 1].Offset;
        }
        if (!ascending)
            _indexOf = IndexEvery();
    }

    public bool Contains(Instruction original) => IndexOf(original) >= 0;

    /// <summary>The copy of <paramref name="original"/>; null stays null (Cecil's "to the end of the body").</summary>
    public Instruction? Of(Instruction? original) => original is null ? null : CopyOf(original);

    /// <summary>
    /// Gives each copy its original's operand: branch targets and switch tables mapped onto the
    /// copies, any other operand through <paramref name="operand"/> (locals and arguments of
    /// another method), or as it is.
    /// </summary>
    public void SetOperands(Func<object, object>? operand = null)
    {
        for (int i = _first; i < _end; i++)
        {
            Instruction original = _originals[i];
            _copies[i - _first].Operand = original.Operand switch
            {
                Instruction target => CopyOf(target),
                Instruction[] targets => Of(targets),
                null => null,
                var other => operand is null ? other : operand(other),
            };
        }
    }

    /// <summary>Adds the copies to <paramref name="target"/>, in the originals' order.</summary>
    public void AppendTo(Collection<Instruction> target)
    {
        CollectionRoom.Reserve(target, target.Count + _copies.Length);
        foreach (Instruction copy in _copies)
            target.Add(copy);
    }

    /// <summary>
    /// Adds to <paramref name="target"/> a copy of each of <paramref name="source"/>'s sequence
    /// points that marks a copied instruction. Until the body is written, the original
    /// instructions keep the offsets they were read at, and so do the points bound to them:
    /// that is how a point finds its instruction (the first of that offset). The target may be
    /// the source's own.
    /// </summary>
    public void CopySequencePoints(MethodDebugInformation source, MethodDebugInformation target)
    {
        if (!source.HasSequencePoints)
            return;
        // Counted first: when the target is the source, only the points there before are copied.
        Collection<SequencePoint> points = source.SequencePoints;
        int pointCount = points.Count;
        Collection<SequencePoint> copies = target.SequencePoints;
        CollectionRoom.Reserve(copies, copies.Count + pointCount);
        for (int p = 0; p < pointCount; p++)
        {
            SequencePoint point = points[p];
            int index = IndexAt(point.Offset);
            if (index < 0)
                continue;
            copies.Add(new SequencePoint(_copies[index - _first], point.Document)
            {
                StartLine = point.StartLine,
                StartColumn = point.StartColumn,
                EndLine = point.EndLine,
                EndColumn = point.EndColumn,
            });
        }
    }

    private Instruction CopyOf(Instruction original)
    {
        int index = IndexOf(original);
        if (index < 0)
            throw new KeyNotFoundException($"{original} is not among the copied instructions.");
        return _copies[index - _first];
    }

    private Instruction[] Of(Instruction[] originals)
    {
        var mapped = new Instruction[originals.Length];
        for (int i = 0; i < originals.Length; i++)
            mapped[i] = CopyOf(originals[i]);
        return mapped;
    }

    /// <summary>The index of <paramref name="original"/> among the originals, or -1 when it lies outside the copied part.</summary>
    private int IndexOf(Instruction original)
    {
        if (_indexOf is not null)
            return _indexOf.TryGetValue(original, out int found) ? found : -1;
        // Offsets in the copied part are unique: another instruction at the same offset lies outside it.
        int index = IndexAt(original.Offset);
        return index >= 0 && ReferenceEquals(_originals[index], original) ? index : -1;
    }

    /// <summary>The index of the first original at <paramref name="offset"/>, or -1.</summary>
    private int IndexAt(int offset)
    {
        if (_indexOf is not null)
        {
            for (int i = _first; i < _end; i++)
            {
                if (_originals[i].Offset == offset)
                    return i;
            }
            return -1;
        }
        int low = _first, high = _end - 1;
        while (low <= high)
        {
            int middle = low + (high - low) / 2;
            int at = _originals[middle].Offset;
            if (at == offset)
                return middle;
            if (at < offset)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return -1;
    }

    private Dictionary<Instruction, int> IndexEvery()
    {
        var index = new Dictionary<Instruction, int>(_end - _first);
        for (int i = _first; i < _end; i++)
            index[_originals[i]] = i;
        return index;
    }
}
