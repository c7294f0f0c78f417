using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// Calls every method and constructor of the chosen types blind, with arguments from
/// <see cref="ValuePool"/>, and writes one line per call: arguments, outcome (value or
/// exception type, message and top stack frame), ref/out values afterwards, the instance's
/// state, the type's static state and the assembly's side-effect log. Run over a woven and
/// an unwoven copy, the lines must be equal.
/// </summary>
internal static class BehaviourHarness
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private const int CallsPerMethod = 5;

    public static List<string> Run(Assembly assembly, Func<Type, bool> chooseType)
    {
        var lines = new List<string>();
        Type? sideEffects = assembly.GetType("AssemblyToProcess.SideEffects");
        MethodInfo? drain = sideEffects?.GetMethod("Drain");
        foreach (Type type in assembly.GetTypes().Where(t => !t.Name.Contains('<') && !typeof(Delegate).IsAssignableFrom(t) && !t.IsByRefLike && chooseType(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (Type closed in Instantiations(type))
            {
                foreach (MethodBase method in Callable(closed))
                {
                    foreach (MethodBase instantiated in Instantiations(method))
                    {
                        ParameterInfo[] parameters = instantiated.GetParameters();
                        object?[][] pools = parameters.Select(p => ValuePool.For(p.ParameterType)).ToArray();
                        int calls = Math.Min(CallsPerMethod, Math.Max(1, pools.Select(p => p.Length).DefaultIfEmpty(1).Max()));
                        for (int call = 0; call < calls; call++)
                        {
                            object?[] arguments = parameters.Select((p, i) => p.IsOut && !p.IsIn ? ValuePool.Default(p.ParameterType.GetElementType()!) : pools[i][(call + i) % pools[i].Length]).ToArray();
                            string line = Call(closed, instantiated, arguments, assembly);
                            string effects = drain?.Invoke(null, null) as string ?? "";
                            lines.Add($"{line} | static {Outcome.State(null, closed, assembly)} | effects {effects}");
                        }
                    }
                }
            }
        }
        return lines;
    }

    private static string Call(Type type, MethodBase method, object?[] arguments, Assembly home)
    {
        string head = $"{type.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))}) <- ({string.Join(", ", arguments.Select(a => Outcome.Value(a, home)))})";
        object? instance = null;
        if (!method.IsStatic && method is not ConstructorInfo)
        {
            instance = ValuePool.Construct(type);
            if (instance is null)
                return head + " => no instance";
        }
        string outcome;
        try
        {
            object? result = method is ConstructorInfo constructor ? constructor.Invoke(arguments) : method.Invoke(instance, arguments);
            outcome = Outcome.Value(result, home);
        }
        catch (TargetInvocationException e)
        {
            outcome = Outcome.Exception(e.InnerException!);
        }
        string byReference = string.Join(", ", method.GetParameters().Where(p => p.ParameterType.IsByRef).Select(p => p.Name + "=" + Outcome.Value(arguments[p.Position], home)));
        string state = instance is null ? "" : " | this " + Outcome.State(instance, type, home);
        return $"{head} => {outcome}{(byReference.Length > 0 ? " | out " + byReference : "")}{state}";
    }

    /// <summary>What the harness can call through reflection: no byref-like or pointer signatures, no async void, no finalizers.</summary>
    private static IEnumerable<MethodBase> Callable(Type type)
    {
        IEnumerable<MethodBase> methods = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance));
        foreach (MethodBase method in methods.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.ToString(), StringComparer.Ordinal))
        {
            // GetHashCode of a record hashes its EqualityContract, a Type: each copy has its own.
            if (method.IsAbstract || method.Name is "Finalize" or "GetHashCode" || method.Name.Contains('<'))
                continue;
            if (!method.IsStatic && (type.IsAbstract || type.IsByRefLike) && method is not ConstructorInfo)
                continue;
            if (method is ConstructorInfo && type.IsAbstract)
                continue;
            if (method is MethodInfo { ReturnType: var returned } && (returned.IsByRefLike || returned.IsPointer || returned.IsByRef))
                continue;
            if (method.GetParameters().Any(p => Unusable(p.ParameterType)))
                continue;
            if (method is MethodInfo { ReturnType.Name: "Void" } && method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
                continue;
            yield return method;
        }
    }

    private static bool Unusable(Type type)
    {
        Type element = type.IsByRef ? type.GetElementType()! : type;
        return element.IsByRefLike || element.IsPointer || element.IsFunctionPointer || element.IsGenericParameter && element.GenericParameterAttributes.HasFlag((GenericParameterAttributes)0x20);
    }

    private static IEnumerable<Type> Instantiations(Type type)
    {
        if (!type.IsGenericTypeDefinition)
            return [type];
        return GenericInstantiations.For(type.GetGenericArguments(), a => type.MakeGenericType(a) is not null).Select(a => type.MakeGenericType(a));
    }

    private static IEnumerable<MethodBase> Instantiations(MethodBase method)
    {
        if (method is not MethodInfo { IsGenericMethodDefinition: true } generic)
            return [method];
        return GenericInstantiations.For(generic.GetGenericArguments(), a => generic.MakeGenericMethod(a) is not null).Select(a => (MethodBase)generic.MakeGenericMethod(a));
    }
}
