namespace Usdt.Tests.Tracers;

/// <summary>One line of <c>readelf -SW</c>'s section headers.</summary>
public sealed record SectionHeader(string Name, string Type, long Address, long Offset, long Size, string Flags);
