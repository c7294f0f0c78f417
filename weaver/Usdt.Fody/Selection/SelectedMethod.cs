using Mono.Cecil;

namespace Usdt.Fody.Selection;

/// <summary>A method chosen for function-boundary probes.</summary>
internal sealed class SelectedMethod
{
    public SelectedMethod(MethodDefinition method, string? explicitName, MethodShape shape)
    {
        Method = method;
        ExplicitName = explicitName;
        Shape = shape;
    }

    public MethodDefinition Method { get; }

    /// <summary>The stem from <c>[Probe(Name = ...)]</c>, if given.</summary>
    public string? ExplicitName { get; }

    public MethodShape Shape { get; }
}
