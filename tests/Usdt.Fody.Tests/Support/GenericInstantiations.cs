using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Usdt.Fody.Tests.Support;

/// <summary>A plain struct to instantiate generics over (besides int and string).</summary>
public struct SampleStruct
{
    public int A;
    public long B;
}

/// <summary>
/// Picks type arguments for generic types and methods: int, string and a struct wherever
/// the constraints allow, else the first combination of common types and the constraints'
/// own types that the runtime accepts.
/// </summary>
internal static class GenericInstantiations
{
    private static readonly Type[] Preferred = [typeof(int), typeof(string), typeof(SampleStruct)];

    /// <summary>Up to three instantiations of <paramref name="parameters"/>; <paramref name="make"/> throws on a violated constraint.</summary>
    public static List<Type[]> For(Type[] parameters, Func<Type[], bool> make)
    {
        var found = new List<Type[]>();
        foreach (Type candidate in Preferred)
        {
            Type[] arguments = Enumerable.Repeat(candidate, parameters.Length).ToArray();
            if (Try(make, arguments))
                found.Add(arguments);
        }
        if (found.Count > 0)
            return found;

        List<Type>[] pools = parameters.Select(CandidatesFor).ToArray();
        int attempts = 0;
        var chosen = new Type[parameters.Length];
        bool Search(int index)
        {
            if (index == parameters.Length)
                return ++attempts < 2000 && Try(make, chosen);
            foreach (Type candidate in pools[index])
            {
                chosen[index] = candidate;
                if (Search(index + 1))
                    return true;
                if (attempts >= 2000)
                    return false;
            }
            return false;
        }
        if (Search(0))
            found.Add((Type[])chosen.Clone());
        return found;
    }

    private static List<Type> CandidatesFor(Type parameter)
    {
        var pool = new List<Type> { typeof(int), typeof(string), typeof(SampleStruct), typeof(object) };
        foreach (Type constraint in parameter.GetGenericParameterConstraints())
        {
            if (!constraint.ContainsGenericParameters)
                pool.Insert(0, constraint);
        }
        // A constraint such as "where T : IComparable<T>" or "where T : JContainer" is met by
        // some concrete type of the constraint's assembly: offer its public non-generic types.
        foreach (Type constraint in parameter.GetGenericParameterConstraints())
        {
            Type definition = constraint.IsGenericType ? constraint.GetGenericTypeDefinition() : constraint;
            foreach (Type type in SafeTypes(definition.Assembly).Where(t => !t.IsGenericTypeDefinition && !t.IsAbstract && !t.IsInterface && t.IsPublic).Take(400))
            {
                if (!pool.Contains(type))
                    pool.Add(type);
            }
        }
        return pool;
    }

    private static bool Try(Func<Type[], bool> make, Type[] arguments)
    {
        try { return make(arguments); }
        catch (ArgumentException) { return false; }
        catch (TypeLoadException) { return false; }
        catch (NotSupportedException) { return false; }
    }

    public static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t is not null)!; }
    }
}
