using System.Collections.Generic;

namespace DotnetUsdt.Elf;

/// <summary>One probe as a <c>.note.stapsdt</c> note describes it (SystemTap SDT v3).</summary>
internal sealed class SdtNote
{
    public SdtNote(string provider, string name, long location, long semaphore, string argumentText)
    {
        Provider = provider;
        Name = name;
        Location = location;
        Semaphore = semaphore;
        ArgumentText = argumentText;
        Arguments = SdtOperand.ParseAll(argumentText);
    }

    public string Provider { get; }

    public string Name { get; }

    /// <summary>The probe site's address, adjusted for <c>.stapsdt.base</c> (prelink).</summary>
    public long Location { get; }

    /// <summary>The semaphore's address, 0 when the probe has none.</summary>
    public long Semaphore { get; }

    /// <summary>The argument string as the note spells it: <c>-4@%edi 8@%rsi</c>.</summary>
    public string ArgumentText { get; }

    public IReadOnlyList<SdtOperand> Arguments { get; }

    /// <summary><c>provider:name</c>.</summary>
    public string FullName => Provider + ":" + Name;
}
