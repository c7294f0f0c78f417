using System.Collections.Generic;

namespace Usdt.Tests.Tracers;

/// <summary>A uprobe event created by a <see cref="TracefsSession"/>: <c>p:Group/Name Definition</c>.</summary>
public sealed record UprobeEvent(string Group, string Name, string Definition, IReadOnlyList<string> FieldNames)
{
    public string FullName => $"{Group}/{Name}";
}
