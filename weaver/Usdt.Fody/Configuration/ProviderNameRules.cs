namespace Usdt.Fody.Configuration;

/// <summary>Which provider names tracers accept (DESIGN.md "Provider"): C identifiers of at most 58 characters.</summary>
internal static class ProviderNameRules
{
    public const int MaxLength = 58;

    public static bool IsValid(string name) => CIdentifier.IsValid(name, MaxLength);
}
