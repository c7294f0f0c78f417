namespace DotnetUsdt.Bpftrace;

/// <summary>How the generated program reads one argument slot.</summary>
internal enum SlotRead
{
    /// <summary>Not read: not needed, or beyond what bpftrace reads (arg6 and up on x86-64).</summary>
    None,
    /// <summary>The 64-bit word, printed with <c>%lld</c> (<c>%d</c> would print 32 bits).</summary>
    Integer,
    /// <summary>The pointer (<c>%lld</c>) and the UTF-8 text it points to (<c>str()</c>, <c>%s</c>).</summary>
    Text,
}
