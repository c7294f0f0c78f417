using System;
using System.Collections.Generic;
using System.Linq;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>A copy of the libraries to time: unwoven, or woven with one <c>&lt;Usdt&gt;</c> configuration of FodyWeavers.xml.</summary>
internal sealed record Variant(string Name, string? Configuration, string Description)
{
    public const string Unwoven = "unwoven";

    public bool IsWoven => Configuration is not null;

    /// <summary>Every variant, the baseline first.</summary>
    public static readonly IReadOnlyList<Variant> All =
    [
        new(Unwoven, null, "the NuGet assemblies as shipped"),
        new("woven", "<Usdt><Include Namespace='*' /></Usdt>", "every method selected, default rules (MinMethodBytes 64, [AggressiveInlining] left out)"),
        new("all-methods", "<Usdt MinMethodBytes='0'><Include Namespace='*' /></Usdt>", "every method selected, no size rule ([AggressiveInlining] still left out)"),
        new("woven-before", "<Usdt><Include Namespace='*' /></Usdt>", "as woven; its directory holds a copy woven by an earlier weaver (run with --reuse)"),
        new("entry-only", "<Usdt Return='false'><Include Namespace='*' /></Usdt>", "as woven, entry probes only: the check and the entry site, no traced copy"),
        new("generic", "<Usdt GenericProbes='true'><Include Namespace='*' /></Usdt>", "as woven, with the generic dotnet:method__entry/return pair"),
    ];

    public static Variant Named(string name) =>
        All.FirstOrDefault(v => v.Name == name) ?? throw new ArgumentException($"unknown variant '{name}' (known: {string.Join(", ", All.Select(v => v.Name))})");
}
