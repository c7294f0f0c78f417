namespace Usdt.Fody;

/// <summary>C identifiers: what every tracer's probe syntax accepts as a provider or probe name.</summary>
internal static class CIdentifier
{
    public static bool IsValid(string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name!.Length > maxLength || IsDigit(name[0]))
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
