namespace DotnetUsdt.Formatting;

/// <summary>What a tracer read for one argument slot: the 64-bit word, and for pointers to text the text.</summary>
internal readonly struct ArgumentValue
{
    private ArgumentValue(long word, string? text, bool available)
    {
        Word = word;
        Text = text;
        IsAvailable = available;
    }

    /// <summary>The register or stack word, all 64 bits (the probe site widened every argument).</summary>
    public long Word { get; }

    /// <summary>The UTF-8 text the word points to, when the slot is text and the pointer is not NULL.</summary>
    public string? Text { get; }

    /// <summary>False for a slot the tracer cannot read (bpftrace 0.17: arguments past the sixth on x86-64).</summary>
    public bool IsAvailable { get; }

    public static ArgumentValue Integer(long word) => new(word, null, true);

    public static ArgumentValue Pointer(long word, string? text) => new(word, word == 0 ? null : text ?? "", true);

    public static ArgumentValue Unavailable { get; } = new(0, null, false);
}
