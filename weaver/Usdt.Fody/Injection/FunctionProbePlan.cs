using System.Collections.Generic;
using Mono.Cecil;
using Usdt.Fody.Arguments;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>What to inject into one method: which probes (by table index) and how each argument is mapped.</summary>
internal sealed class FunctionProbePlan
{
    public FunctionProbePlan(MethodDefinition method, int? entryProbe, int? returnProbe,
        IReadOnlyList<ArgumentMapping> parameters, ArgumentMapping returnValue, ReturnedTask? returnedTask = null, MethodNames? generic = null)
    {
        Method = method;
        EntryProbe = entryProbe;
        ReturnProbe = returnProbe;
        Parameters = parameters;
        ReturnValue = returnValue;
        ReturnedTask = returnedTask;
        Generic = generic;
    }

    public MethodDefinition Method { get; }

    /// <summary>Table index of the <c>__entry</c> probe, or null when entry probes are switched off.</summary>
    public int? EntryProbe { get; }

    /// <summary>Table index of the <c>__return</c> probe, or null when return probes are switched off.</summary>
    public int? ReturnProbe { get; }

    /// <summary>Mappings of the declared parameters passed at entry (at most 12, <c>this</c> excluded).</summary>
    public IReadOnlyList<ArgumentMapping> Parameters { get; }

    /// <summary>Mapping of the value the return probe reports as <c>arg0</c>.</summary>
    public ArgumentMapping ReturnValue { get; }

    /// <summary>Set for a method that returns a task without being async: its return probe fires when the task completes.</summary>
    public ReturnedTask? ReturnedTask { get; }

    /// <summary>The method's names when it also reports through the generic <c>method__entry</c>/<c>method__return</c> pair.</summary>
    public MethodNames? Generic { get; }

    /// <summary>Whether anything fires as the method is left: its return probe, or the generic pair's.</summary>
    public bool HasReturnSite => ReturnProbe is not null || Generic is not null;

    /// <summary>The same plan with only what fires at entry and the generic pair (an async method's kickoff).</summary>
    public FunctionProbePlan WithoutReturnProbe() => new(Method, EntryProbe, null, Parameters, ReturnValue, null, Generic);
}
