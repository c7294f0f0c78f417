using System;
using System.Collections.Generic;
using Usdt.Contract;

namespace Usdt.Platform;

/// <summary>
/// The probes of one registration, as much as each path needs of them: their number and
/// table hash decide whether a built library fits, the first one names the library's
/// anchor symbol, and the full list (parsed only when a library must be generated) is what
/// the ELF writer describes.
/// </summary>
internal sealed class ProbeSet
{
    private readonly Func<IReadOnlyList<ProbeSpec>> _parse;
    private IReadOnlyList<ProbeSpec>? _specs;

    public ProbeSet(int count, ulong tableHash, string firstProvider, string firstName, Func<IReadOnlyList<ProbeSpec>> parse)
    {
        Count = count;
        TableHash = tableHash;
        FirstProvider = firstProvider;
        FirstName = firstName;
        _parse = parse;
    }

    /// <summary>Probes given one by one (the <see cref="UsdtProvider"/> API): their table is formatted to hash it.</summary>
    public static ProbeSet Of(IReadOnlyList<ProbeSpec> specs) =>
        new(specs.Count, ProbeTableText.Hash(ProbeTableText.Of(specs)),
            specs.Count > 0 ? specs[0].Provider : "", specs.Count > 0 ? specs[0].Name : "", () => specs) { _specs = specs };

    public int Count { get; }

    /// <summary><see cref="ProbeTableText.Hash"/> of the table these probes come from.</summary>
    public ulong TableHash { get; }

    public string FirstProvider { get; }

    public string FirstName { get; }

    /// <summary>Every probe, in table order.</summary>
    public IReadOnlyList<ProbeSpec> Specs => _specs ??= _parse();
}
