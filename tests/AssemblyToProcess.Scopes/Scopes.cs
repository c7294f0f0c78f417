using Usdt;

[assembly: Probe]
[assembly: ProbeProvider("scopes_shop")]
[module: NoProbe]

namespace AssemblyToProcess.Scopes;

public class Unmarked
{
    public int Method() => 1;
}

[Probe]
public class Marked
{
    public int Method() => 2;

    [NoProbe]
    public int Quiet() => 3;
}
