using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Usdt.Integration.Tests;

/// <summary>The probes a build's manifest (<c>NAME.usdt.txt</c>) lists, as <c>provider:name</c>.</summary>
internal static partial class ProbeManifestFile
{
    public static IReadOnlyList<string> Probes(string path) =>
        EntryPattern().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value).ToList();

    // "shop:OrderService__PlaceOrder__entry   (Shop.Services.OrderService.PlaceOrder(Int32, String, Int32))"
    [GeneratedRegex(@"^(\w+:\w+)\s+\(", RegexOptions.Multiline)]
    private static partial Regex EntryPattern();
}
