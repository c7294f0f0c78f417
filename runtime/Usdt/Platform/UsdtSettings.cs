using System;

namespace Usdt.Platform;

/// <summary>The environment variables that steer registration, read once per process.</summary>
internal sealed record UsdtSettings(bool Disabled, string? Directory, bool AllowMemoryFile, bool Diagnostics, bool ForceGenerate = false)
{
    /// <summary>Set to 1 (or true) to never register probes.</summary>
    public const string DisableVariable = "USDT_DISABLE";
    /// <summary>Directory for libraries generated at start-up, instead of the default candidates.</summary>
    public const string DirectoryVariable = "USDT_DIR";
    /// <summary>Set to 0 (or false) to forbid the memfd fallback.</summary>
    public const string MemoryFileVariable = "USDT_MEMFD";
    /// <summary>Set to 1 (or true) to print each registration's outcome to stderr.</summary>
    public const string DiagnosticsVariable = "USDT_DIAGNOSTICS";
    /// <summary>Set to 1 (or true) to generate every library at start-up, ignoring the libraries built beside the assemblies.</summary>
    public const string GenerateVariable = "USDT_GENERATE";

    /// <summary>What registration does when the environment says nothing.</summary>
    public static UsdtSettings Default { get; } = new(Disabled: false, Directory: null, AllowMemoryFile: true, Diagnostics: false);

    public static UsdtSettings FromEnvironment() => From(Environment.GetEnvironmentVariable);

    public static UsdtSettings From(Func<string, string?> variable) => new(
        Disabled: IsTrue(variable(DisableVariable)),
        Directory: string.IsNullOrWhiteSpace(variable(DirectoryVariable)) ? null : variable(DirectoryVariable),
        AllowMemoryFile: !IsFalse(variable(MemoryFileVariable)),
        Diagnostics: IsTrue(variable(DiagnosticsVariable)),
        ForceGenerate: IsTrue(variable(GenerateVariable)));

    // Arrays searched in order, not hash sets: read once, at the first registration, where
    // a set's generic code and comparer cost more than the four comparisons.
    private static readonly string[] TrueWords = ["1", "true", "yes", "on"];
    private static readonly string[] FalseWords = ["0", "false", "no", "off"];

    private static bool IsTrue(string? value) => value is not null && IsOneOf(value.Trim(), TrueWords);
    private static bool IsFalse(string? value) => value is not null && IsOneOf(value.Trim(), FalseWords);

    private static bool IsOneOf(string value, string[] words)
    {
        foreach (string word in words)
        {
            if (string.Equals(value, word, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
