using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Usdt.Fody.Tests.Support;

/// <summary>What compiling every method of an assembly found.</summary>
internal sealed record JitReport(int Methods, int Compilations, IReadOnlyList<string> Failures, IReadOnlyList<string> NotInstantiable);

/// <summary>
/// JIT-compiles every method body of an assembly (there is no PEVerify on Linux): generic
/// types and methods once per instantiation over int, string and a struct where their
/// constraints allow. Invalid IL surfaces as InvalidProgramException (or a relative).
/// </summary>
internal static class JitCompiler
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static JitReport CompileAll(Assembly assembly, Func<MethodBase, bool>? filter = null)
    {
        int methods = 0, compilations = 0;
        var failures = new List<string>();
        var notInstantiable = new List<string>();
        foreach (Type type in GenericInstantiations.SafeTypes(assembly))
        {
            List<Type[]> typeArguments = type.IsGenericTypeDefinition
                ? GenericInstantiations.For(type.GetGenericArguments(), a => type.MakeGenericType(a) is not null)
                : [Type.EmptyTypes];
            IEnumerable<MethodBase> members;
            try { members = type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)).ToList(); }
            catch (Exception e) when (e is TypeLoadException or BadImageFormatException)
            {
                failures.Add($"{type.FullName}: {e.GetType().Name}: {e.Message}");
                continue;
            }
            foreach (MethodBase method in members)
            {
                if (method.IsAbstract || !HasBody(method) || (filter is not null && !filter(method)))
                    continue;
                methods++;
                if (typeArguments.Count == 0)
                {
                    notInstantiable.Add(Describe(method));
                    continue;
                }
                foreach (Type[] forType in typeArguments)
                {
                    List<Type[]> methodArguments = method.IsGenericMethodDefinition
                        ? GenericInstantiations.For(method.GetGenericArguments(), a => Close(type, forType, method, a) is not null)
                        : [Type.EmptyTypes];
                    if (methodArguments.Count == 0)
                        notInstantiable.Add(Describe(method));
                    foreach (Type[] forMethod in methodArguments)
                    {
                        try
                        {
                            RuntimeHelpers.PrepareMethod(method.MethodHandle, forType.Concat(forMethod).Select(t => t.TypeHandle).ToArray());
                            compilations++;
                        }
                        catch (Exception e)
                        {
                            failures.Add($"{Describe(method)} [{string.Join(",", forType.Concat(forMethod).Select(t => t.Name))}]: {e.GetType().Name}: {e.Message}");
                        }
                    }
                }
            }
        }
        return new JitReport(methods, compilations, failures, notInstantiable);
    }

    /// <summary>The method instantiated over its type's and its own arguments (throws on a violated constraint).</summary>
    private static MethodBase Close(Type type, Type[] typeArguments, MethodBase method, Type[] methodArguments)
    {
        Type closed = type.IsGenericTypeDefinition ? type.MakeGenericType(typeArguments) : type;
        var member = (MethodInfo)closed.GetMemberWithSameMetadataDefinitionAs(method);
        return member.MakeGenericMethod(methodArguments);
    }

    private static bool HasBody(MethodBase method)
    {
        MethodImplAttributes implementation = method.GetMethodImplementationFlags();
        if ((implementation & (MethodImplAttributes.Runtime | MethodImplAttributes.InternalCall)) != 0 || (method.Attributes & MethodAttributes.PinvokeImpl) != 0)
            return false;
        return method.GetMethodBody() is not null;
    }

    public static string Describe(MethodBase method) => $"{method.DeclaringType?.FullName}.{method.Name}";
}
