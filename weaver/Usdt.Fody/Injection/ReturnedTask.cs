using Mono.Cecil;
using Usdt.Fody.Arguments;
using Usdt.Fody.Selection;

namespace Usdt.Fody.Injection;

/// <summary>
/// A method that returns a <c>Task</c> or <c>Task&lt;T&gt;</c> without being <c>async</c>
/// (it hands on another method's task, or builds one): as for an async method, its return
/// probe fires when the task completes (the runtime's <c>TaskCompletion</c>), with the
/// task's result, not when the method hands the task back.
/// </summary>
/// <remarks>
/// <c>ValueTask</c> is left out: observing one can consume it (one backed by an
/// <c>IValueTaskSource</c> may be awaited once), which would break the caller.
/// </remarks>
internal sealed class ReturnedTask
{
    private ReturnedTask(TypeReference? resultType) => ResultType = resultType;

    /// <summary>The <c>T</c> of <c>Task&lt;T&gt;</c>; null for <c>Task</c>.</summary>
    public TypeReference? ResultType { get; }

    /// <summary>The task <paramref name="method"/> returns, or null when it returns something else or is async.</summary>
    public static ReturnedTask? Of(MethodDefinition method, MethodShape shape)
    {
        if (shape != MethodShape.Ordinary)
            return null;
        TypeReference type = ArgumentMapper.StripModifiers(method.ReturnType);
        if (type is GenericInstanceType { GenericArguments.Count: 1 } generic && generic.ElementType.FullName == "System.Threading.Tasks.Task`1")
            return new ReturnedTask(generic.GenericArguments[0]);
        return type.FullName == "System.Threading.Tasks.Task" ? new ReturnedTask(null) : null;
    }
}
