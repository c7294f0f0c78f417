using System.Text;
using Usdt.Contract;
using Usdt.Fody.Configuration;

namespace Usdt.Fody.Naming;

/// <summary>
/// The default provider name: the assembly name lower-cased,
/// every character outside <c>[a-z0-9_]</c> turned into <c>_</c>, a leading digit
/// prefixed with <c>_</c>, at most 58 characters.
/// </summary>
internal static class ProviderNaming
{
    public static string FromAssemblyName(string assemblyName)
    {
        var name = new StringBuilder(assemblyName.Length + 1);
        foreach (char c in assemblyName)
        {
            char lower = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            name.Append(ProbeIdentifier.IsWordCharacter(lower) ? lower : '_');
        }
        if (name.Length == 0 || ProbeIdentifier.IsDigit(name[0]))
            name.Insert(0, '_');
        if (name.Length > ContractLimits.MaxProviderNameLength)
            name.Length = ContractLimits.MaxProviderNameLength;
        return name.ToString();
    }
}
