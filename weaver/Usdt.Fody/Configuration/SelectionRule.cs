namespace Usdt.Fody.Configuration;

/// <summary>
/// One <c>&lt;Include&gt;</c> or <c>&lt;Exclude&gt;</c> element: every pattern it gives must match.
/// </summary>
/// <remarks>
/// <c>Namespace</c> matches a type's namespace or any namespace inside it;
/// <c>Type</c> the full type name, nested types joined with '.' (<c>Shop.Outer.Inner</c>);
/// <c>Method</c> the full type name, a dot and the method name (<c>Shop.Cart.Add</c>,
/// <c>*.ToString</c>, <c>*.get_*</c>).
/// </remarks>
internal sealed class SelectionRule
{
    public SelectionRule(string element, NameGlob? @namespace, NameGlob? type, NameGlob? method)
    {
        Element = element;
        Namespace = @namespace;
        Type = type;
        Method = method;
    }

    /// <summary>The element as written, for messages.</summary>
    public string Element { get; }

    public NameGlob? Namespace { get; }
    public NameGlob? Type { get; }
    public NameGlob? Method { get; }

    public bool Matches(string @namespace, string fullTypeName, string methodName) =>
        (Namespace is null || MatchesNamespace(@namespace)) &&
        (Type is null || Type.IsMatch(fullTypeName)) &&
        (Method is null || Method.IsMatch(fullTypeName + "." + methodName));

    private bool MatchesNamespace(string @namespace)
    {
        // "Shop.Services" covers Shop.Services.Billing too: walk up the namespace.
        for (string current = @namespace; ; current = current.Substring(0, current.LastIndexOf('.')))
        {
            if (Namespace!.IsMatch(current))
                return true;
            if (current.IndexOf('.') < 0)
                return false;
        }
    }

    /// <summary>True when both rules name exactly the same patterns (an include and exclude of the same thing contradict).</summary>
    public bool SamePatternsAs(SelectionRule other) =>
        Namespace?.Pattern == other.Namespace?.Pattern &&
        Type?.Pattern == other.Type?.Pattern &&
        Method?.Pattern == other.Method?.Pattern;
}
