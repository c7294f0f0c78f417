using System.Collections.Generic;

namespace Usdt.Tests.Tracers;

/// <summary>One SystemTap SDT probe as <c>readelf -n</c> prints it.</summary>
/// <param name="Location">The probe's address (in our libraries also its file offset).</param>
/// <param name="Base">The address of <c>.stapsdt.base</c>.</param>
/// <param name="Semaphore">The semaphore's address, 0 when the probe has none.</param>
/// <param name="ArgumentSpec">The argument string exactly as in the note, e.g. <c>-4@%edi 8@%rsi</c>.</param>
public sealed record SdtNote(string Provider, string Name, long Location, long Base, long Semaphore, string ArgumentSpec)
{
    public IReadOnlyList<SdtArgument> Arguments => SdtArgument.ParseAll(ArgumentSpec);
}
