namespace Usdt.Tests.Tracers;

/// <summary>One <c>name=fetcharg:type</c> of a tracefs uprobe definition (Documentation/trace/uprobetracer.rst).</summary>
public sealed record FetchArgument(string Name, string Expression)
{
    public override string ToString() => $"{Name}={Expression}";
}
