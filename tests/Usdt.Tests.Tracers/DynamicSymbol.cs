namespace Usdt.Tests.Tracers;

/// <summary>One line of <c>readelf --dyn-syms -W</c>.</summary>
public sealed record DynamicSymbol(string Name, long Value, long Size, string Type, string Binding);
