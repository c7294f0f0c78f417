using System.Text;
using System.Text.RegularExpressions;

namespace Usdt.Fody.Configuration;

/// <summary>
/// A name pattern from FodyWeavers.xml: <c>*</c> matches any run of characters (dots
/// included), <c>?</c> one character; everything else matches itself, case-sensitively
/// as .NET names are.
/// </summary>
internal sealed class NameGlob
{
    private readonly Regex _regex;

    private NameGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public bool IsMatch(string name) => _regex.IsMatch(name);

    /// <summary>Parses <paramref name="pattern"/>; null with a reason when it cannot name anything.</summary>
    public static NameGlob? TryParse(string pattern, out string error)
    {
        error = "";
        if (pattern.Trim().Length == 0)
        {
            error = "the pattern is empty";
            return null;
        }
        var regex = new StringBuilder("^");
        foreach (char c in pattern)
        {
            if (c == '*')
                regex.Append(".*");
            else if (c == '?')
                regex.Append('.');
            else if (IsNameCharacter(c))
                regex.Append(Regex.Escape(c.ToString()));
            else
            {
                error = $"'{c}' cannot appear in a .NET name (use letters, digits, '_', '.', '`', '+', '*' and '?')";
                return null;
            }
        }
        regex.Append('$');
        return new NameGlob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant));
    }

    private static bool IsNameCharacter(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '.' or '`' or '+' or '<' or '>';
}
