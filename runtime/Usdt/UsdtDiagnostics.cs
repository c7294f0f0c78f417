using System.Collections.Generic;
using Usdt.Registration;

namespace Usdt;

/// <summary>
/// Why probes are (or are not) visible: every registration of this process, woven modules
/// included. Set the environment variable <c>USDT_DIAGNOSTICS=1</c> to have each one
/// printed to stderr as it happens.
/// </summary>
public static class UsdtDiagnostics
{
    /// <summary>All registrations so far, in order.</summary>
    public static IReadOnlyList<ProbeRegistration> Registrations => ProbeRegistry.Registrations;
}
