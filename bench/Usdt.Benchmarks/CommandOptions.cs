using System;
using System.Collections.Generic;
using System.Globalization;

namespace Usdt.Benchmarks;

/// <summary><c>--name value</c> pairs and <c>--flag</c> switches of a command line.</summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public CommandOptions(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            bool hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[args[i][2..]] = hasValue ? args[++i] : null;
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Required(string name) =>
        _values.TryGetValue(name, out string? value) && value is not null ? value : throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _values.TryGetValue(name, out string? value) ? value : null;

    public long Number(string name, long fallback) =>
        Optional(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
