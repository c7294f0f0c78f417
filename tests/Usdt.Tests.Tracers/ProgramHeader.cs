namespace Usdt.Tests.Tracers;

/// <summary>One line of <c>readelf -lW</c>'s program headers.</summary>
/// <param name="Flags">R, W and E as readelf prints them, without spaces (<c>RE</c>, <c>RW</c>).</param>
public sealed record ProgramHeader(string Type, long Offset, long VirtualAddress, long FileSize, long MemorySize, string Flags);
