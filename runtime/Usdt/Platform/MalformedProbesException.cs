using System;

namespace Usdt.Platform;

/// <summary>A woven module's probe table cannot be read: its probes stay disabled, with this message as the reason.</summary>
internal sealed class MalformedProbesException(string message) : FormatException(message);
