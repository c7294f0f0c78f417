namespace Usdt.Contract;

/// <summary>
/// Provider and probe names are C identifiers, so that every tracer accepts them: bpftrace
/// (<c>usdt:path:provider:name</c>), perf (<c>sdt_provider:name</c>) and DTrace
/// (<c>provider$pid:::name</c>).
/// </summary>
internal static class ProbeIdentifier
{
    public static bool IsValid(string? name, int maxLength)
    {
        if (name is null || name.Length == 0 || name.Length > maxLength || IsDigit(name[0]))
            return false;
        foreach (char c in name)
        {
            if (!IsWordCharacter(c))
                return false;
        }
        return true;
    }

    /// <summary>ASCII letters, digits and underscore: the characters a C identifier is made of.</summary>
    public static bool IsWordCharacter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';
}
