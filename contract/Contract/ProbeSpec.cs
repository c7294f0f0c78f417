using System.Collections.Generic;

namespace Usdt.Contract;

/// <summary>One probe as the probe library describes it: its provider, its name, its argument kinds.</summary>
internal sealed class ProbeSpec
{
    public ProbeSpec(string provider, string name, IReadOnlyList<ArgumentKind> arguments)
    {
        Provider = provider;
        Name = name;
        Arguments = arguments;
    }

    public string Provider { get; }

    public string Name { get; }

    public IReadOnlyList<ArgumentKind> Arguments { get; }
}
