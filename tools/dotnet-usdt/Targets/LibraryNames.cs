using System;
using System.IO;
using System.Linq;
using Usdt.Contract;
using Usdt.Elf;

namespace DotnetUsdt.Targets;

/// <summary>
/// Recognises Usdt's probe libraries by name, as the weaver and the runtime name them, and
/// says which assembly each belongs to: <c>Shop.usdt.x64.so</c> (built beside Shop.dll),
/// <c>usdt-PID-TOKEN.Shop.so</c> (generated at start-up), <c>/memfd:usdt-Shop</c> (generated
/// into memory).
/// </summary>
internal static class LibraryNames
{
    private const string MemoryFilePrefix = "/memfd:usdt-";

    /// <summary>The origin and label of a mapped or named file, or null when it is no probe library of Usdt's.</summary>
    public static (LibraryOrigin Origin, string Label)? Classify(string path)
    {
        if (path.StartsWith(MemoryFilePrefix, StringComparison.Ordinal))
            return (LibraryOrigin.MemoryFile, path[MemoryFilePrefix.Length..]);
        string name = Path.GetFileName(path);
        foreach (ElfArchitecture architecture in ElfArchitecture.All)
        {
            string suffix = ProbeLibraryFiles.ModuleSuffix(architecture);
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
                return (LibraryOrigin.Built, name[..^suffix.Length]);
        }
        if (GeneratedLabel(name) is { } label)
            return (LibraryOrigin.Generated, label);
        return null;
    }

    /// <summary>The process id a generated library's name carries (<c>usdt-PID-TOKEN.LABEL.so</c>).</summary>
    public static int? GeneratedProcessId(string path)
    {
        string name = Path.GetFileName(path);
        if (GeneratedLabel(name) is null)
            return null;
        string digits = name["usdt-".Length..name.IndexOf('-', "usdt-".Length)];
        return int.TryParse(digits, out int pid) ? pid : null;
    }

    // usdt-<digits>-<8 hex>.<label>.so
    private static string? GeneratedLabel(string name)
    {
        if (!name.StartsWith("usdt-", StringComparison.Ordinal) || !name.EndsWith(".so", StringComparison.Ordinal))
            return null;
        string rest = name["usdt-".Length..^".so".Length];
        int dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !rest[..dash].All(char.IsAsciiDigit))
            return null;
        rest = rest[(dash + 1)..];
        if (rest.Length < 10 || rest[8] != '.' || !rest[..8].All(char.IsAsciiHexDigitLower))
            return null;
        return rest[9..];
    }

    /// <summary>The generic method pair's library: described by the contract, never by a manifest.</summary>
    public static bool IsMethodPair(string label) => label == MethodProbes.LibraryStem;
}
