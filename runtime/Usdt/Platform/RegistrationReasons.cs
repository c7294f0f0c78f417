namespace Usdt.Platform;

/// <summary>
/// Why each way of registering that was tried was not taken, in order, joined by "; ": what
/// <c>USDT_DIAGNOSTICS=1</c> and <see cref="ProbeRegistration.Reason"/> show. Kept as one
/// string rather than a list: registration may be the first thing a process does, and the
/// first use of the framework's list type loads an assembly (System.Collections.dll, about
/// 0.4 ms) that a registration taking the first way needs nowhere else.
/// </summary>
internal sealed class RegistrationReasons
{
    private string? _text;

    public void Add(string reason) => _text = _text is null ? reason : _text + "; " + reason;

    /// <summary>The reasons joined, or null when there are none.</summary>
    public string? Text => _text;

    /// <inheritdoc />
    public override string ToString() => _text ?? "";
}
