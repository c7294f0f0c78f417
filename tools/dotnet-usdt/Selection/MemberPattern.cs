using System;
using System.Text;
using System.Text.RegularExpressions;
using DotnetUsdt.Targets;

namespace DotnetUsdt.Selection;

/// <summary>
/// A .NET-style pattern, <c>*</c> any characters and <c>?</c> one, matched against a probe's
/// member name (<c>Shop.Services.OrderService.PlaceOrder</c>) or any tail of it after a dot
/// (<c>OrderService.*</c>, <c>*Async</c>, <c>PlaceOrder</c>), or against the probe's own name
/// (<c>OrderService__PlaceOrder__entry</c>, <c>shop:OrderPlaced</c>).
/// </summary>
internal sealed class MemberPattern
{
    private readonly Regex _regex;

    public MemberPattern(string text)
    {
        Text = text;
        var pattern = new StringBuilder("^(?:");
        foreach (char c in text)
            pattern.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
        pattern.Append(")$");
        _regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Text { get; }

    public bool Matches(Probe probe)
    {
        string member = probe.Info.MemberName;
        for (int start = 0; start >= 0 && start < member.Length; start = NextTail(member, start))
        {
            if (_regex.IsMatch(member.AsSpan(start)))
                return true;
        }
        return _regex.IsMatch(probe.Note.Name) || _regex.IsMatch(probe.Note.FullName);
    }

    /// <summary>Where the next dot-separated tail starts (<c>..ctor</c>'s dots count once), or -1.</summary>
    private static int NextTail(string member, int start)
    {
        int dot = member.IndexOf('.', start);
        while (dot >= 0 && dot + 1 < member.Length && member[dot + 1] == '.')
            dot++;
        return dot < 0 ? -1 : dot + 1;
    }
}
