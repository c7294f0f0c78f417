namespace Usdt.Fody.Selection;

/// <summary>What kind of method this is, as far as probing goes.</summary>
internal enum MethodShape
{
    /// <summary>An ordinary method: entry and return probes around its body.</summary>
    Ordinary,
    /// <summary>An <c>async</c> method: return probe when the operation completes (its state machine reports it).</summary>
    Async,
    /// <summary>An iterator (sync or async): only the call that creates it is probed.</summary>
    Iterator,
    /// <summary>Compiled as runtime-async (method impl flag 0x2000, no state machine).</summary>
    RuntimeAsync,
}
