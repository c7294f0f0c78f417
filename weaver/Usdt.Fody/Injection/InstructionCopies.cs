using System;
using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;

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
    private readonly Dictionary<Instruction, Instruction> _copies;

    public InstructionCopies(Collection<Instruction> originals, int first)
    {
        _originals = originals;
        _first = first;
        _end = originals.Count;
        _copies = new Dictionary<Instruction, Instruction>(_end - first);
        for (int i = first; i < _end; i++)
        {
            Instruction copy = Instruction.Create(OpCodes.Nop);
            copy.OpCode = originals[i].OpCode;
            _copies[originals[i]] = copy;
        }
    }

    public bool Contains(Instruction original) => _copies.ContainsKey(original);

    /// <summary>The copy of <paramref name="original"/>; null stays null (Cecil's "to the end of the body").</summary>
    public Instruction? Of(Instruction? original) => original is null ? null : _copies[original];

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
            _copies[original].Operand = original.Operand switch
            {
                Instruction target => _copies[target],
                Instruction[] targets => Of(targets),
                null => null,
                var other => operand is null ? other : operand(other),
            };
        }
    }

    /// <summary>Adds the copies to <paramref name="target"/>, in the originals' order.</summary>
    public void AppendTo(Collection<Instruction> target)
    {
        for (int i = _first; i < _end; i++)
            target.Add(_copies[_originals[i]]);
    }

    /// <summary>
    /// Adds to <paramref name="target"/> a copy of each of <paramref name="source"/>'s sequence
    /// points that marks a copied instruction. Until the body is written, the original
    /// instructions keep the offsets they were read at, and so do the points bound to them:
    /// that is how a point finds its instruction. The target may be the source's own.
    /// </summary>
    public void CopySequencePoints(MethodDebugInformation source, MethodDebugInformation target)
    {
        if (!source.HasSequencePoints)
            return;
        var byOffset = new Dictionary<int, Instruction>(_end - _first);
        for (int i = _first; i < _end; i++)
        {
            Instruction instruction = _originals[i];
            if (!byOffset.ContainsKey(instruction.Offset))
                byOffset.Add(instruction.Offset, instruction);
        }
        // Counted first: when the target is the source, only the points there before are copied.
        Collection<SequencePoint> points = source.SequencePoints;
        int pointCount = points.Count;
        for (int p = 0; p < pointCount; p++)
        {
            SequencePoint point = points[p];
            if (!byOffset.TryGetValue(point.Offset, out Instruction? instruction))
                continue;
            target.SequencePoints.Add(new SequencePoint(_copies[instruction], point.Document)
            {
                StartLine = point.StartLine,
                StartColumn = point.StartColumn,
                EndLine = point.EndLine,
                EndColumn = point.EndColumn,
            });
        }
    }

    private Instruction[] Of(Instruction[] originals)
    {
        var mapped = new Instruction[originals.Length];
        for (int i = 0; i < originals.Length; i++)
            mapped[i] = _copies[originals[i]];
        return mapped;
    }
}
