using System.Text;
using Usdt.Contract;

namespace Usdt.Fody.Naming;

/// <summary>The text rules of probe names: which characters survive and how long names are cut.</summary>
internal static class ProbeNameText
{
    private const int HashLength = 8;

    /// <summary>Replaces every character outside <c>[A-Za-z0-9_]</c> with <c>_</c>.</summary>
    public static string Sanitize(string text)
    {
        // Most names are identifiers already: no copy for them.
        bool clean = true;
        foreach (char c in text)
            clean &= ProbeIdentifier.IsWordCharacter(c);
        if (clean)
            return text;
        var result = new StringBuilder(text.Length);
        foreach (char c in text)
            result.Append(ProbeIdentifier.IsWordCharacter(c) ? c : '_');
        return result.ToString();
    }

    /// <summary>
    /// <paramref name="name"/> if it fits in <paramref name="maxLength"/>, else its start
    /// followed by <c>_</c> and a stable 8-hex-digit hash of the whole name, so that two
    /// long names sharing a prefix stay distinct and a rebuild gives the same name.
    /// </summary>
    public static string Cap(string name, int maxLength)
    {
        if (name.Length <= maxLength)
            return name;
        string hash = Fnv1a32(name).ToString("x8");
        return name.Substring(0, maxLength - HashLength - 1) + "_" + hash;
    }

    /// <summary>FNV-1a, 32 bits, over UTF-8: tiny, stable across runtimes and processes (unlike string.GetHashCode).</summary>
    private static uint Fnv1a32(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return hash;
    }
}
