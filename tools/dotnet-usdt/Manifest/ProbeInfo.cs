using System.Collections.Generic;

namespace DotnetUsdt.Manifest;

/// <summary>What a probe means in .NET terms: its member, its kind, its arguments.</summary>
internal sealed class ProbeInfo
{
    public ProbeInfo(string provider, string name, ProbeKind kind, string typeName, string method, string signature, bool isAsync,
        IReadOnlyList<ArgumentInfo> arguments)
    {
        Provider = provider;
        Name = name;
        Kind = kind;
        TypeName = typeName;
        Method = method;
        Signature = signature;
        IsAsync = isAsync;
        Arguments = arguments;
    }

    public string Provider { get; }

    public string Name { get; }

    public ProbeKind Kind { get; }

    /// <summary>The declaring type's full name, nested types joined with '.'.</summary>
    public string TypeName { get; }

    public string Method { get; }

    /// <summary>Parameter types, <c>(Int32, String)</c>; empty when unknown.</summary>
    public string Signature { get; }

    /// <summary>The return probe fires when the operation completes, perhaps on another thread.</summary>
    public bool IsAsync { get; }

    public IReadOnlyList<ArgumentInfo> Arguments { get; }

    /// <summary><c>Shop.Services.OrderService.PlaceOrder</c>: what patterns are matched against.</summary>
    public string MemberName => TypeName.Length == 0 ? Method : TypeName + "." + Method;

    /// <summary><c>OrderService.PlaceOrder</c>: the type without its namespace, as trace lines show it.</summary>
    public string ShortName
    {
        get
        {
            int dot = TypeName.LastIndexOf('.');
            string type = dot < 0 ? TypeName : TypeName[(dot + 1)..];
            return type.Length == 0 ? Method : type + "." + Method;
        }
    }
}
