using System.Collections.Generic;
using Usdt.Contract;

namespace Usdt.Fody.Naming;

/// <summary>
/// Hands out unique probe name stems within one provider: names chosen by the user
/// (<c>[Probe(Name = ...)]</c>) are reserved first; default stems then keep their plain
/// name the first time and get <c>_2</c>, <c>_3</c>, ... on each repeat, in the order
/// they are asked for (metadata order). Every stem is capped so that the longest
/// suffix (<c>__return</c>) still fits in <see cref="ContractLimits.MaxProbeNameLength"/> characters.
/// </summary>
internal sealed class ProbeNameAllocator
{
    public const string EntrySuffix = "__entry";
    public const string ReturnSuffix = "__return";
    public const int MaxStemLength = ContractLimits.MaxProbeNameLength - 8; // "__return"

    private readonly HashSet<string> _taken = [];

    /// <summary>Reserves a user-chosen stem; false when another user-chosen stem already has it.</summary>
    public bool TryReserve(string stem) => _taken.Add(stem);

    /// <summary>A unique stem for <paramref name="defaultStem"/>.</summary>
    public string Allocate(string defaultStem)
    {
        string stem = ProbeNameText.Cap(defaultStem, MaxStemLength);
        for (int repeat = 2; !_taken.Add(stem); repeat++)
            stem = ProbeNameText.Cap($"{defaultStem}_{repeat}", MaxStemLength);
        return stem;
    }
}
