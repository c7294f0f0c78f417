namespace Usdt.Platform;

/// <summary>
/// What a backend produced: live addresses (semaphore 0 and stub 0), where the library is,
/// or the reason there are none. The reason also says why a fallback was taken; it is
/// null when all went as planned.
/// </summary>
internal readonly record struct LoadedProbes(nint SemaphoreBase, nint StubBase, ProbePlacement Placement, string? LibraryPath, string? Reason)
{
    public static LoadedProbes Failed(string reason) => new(0, 0, ProbePlacement.None, null, reason);
}
