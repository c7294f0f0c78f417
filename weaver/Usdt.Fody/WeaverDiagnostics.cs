using System;
using Mono.Cecil;

namespace Usdt.Fody;

/// <summary>Where the weaver's errors, warnings and notes go (Fody's MSBuild log in a build).</summary>
internal sealed class WeaverDiagnostics
{
    private readonly Action<string, MethodDefinition?> _error;
    private readonly Action<string, MethodDefinition?> _warning;
    private readonly Action<string> _info;

    public WeaverDiagnostics(Action<string, MethodDefinition?> error, Action<string, MethodDefinition?> warning, Action<string> info)
    {
        _error = error;
        _warning = warning;
        _info = info;
    }

    public int ErrorCount { get; private set; }

    /// <summary>A build error, located at <paramref name="method"/>'s first line when it has debug information.</summary>
    public void Error(string message, MethodDefinition? method = null)
    {
        ErrorCount++;
        _error(message, method);
    }

    public void Warning(string message, MethodDefinition? method = null) => _warning(message, method);

    public void Info(string message) => _info(message);
}
