using System.Collections.Generic;

namespace Usdt;

/// <summary>One probe as the platform backend sees it: where it belongs, its name, its argument kinds.</summary>
internal sealed record ProbeSpec(string Provider, string Name, IReadOnlyList<ProbeArgumentType> Arguments);
