using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// Argument values for calling methods blind: a few interesting values per type (zero,
/// small, negative, extreme, null, non-ASCII text). Types of the assembly under test are
/// built through their first constructor, recursively, in the caller's load context.
/// </summary>
internal static class ValuePool
{
    public static object?[] For(Type type, int depth = 0)
    {
        if (type.IsByRef)
            type = type.GetElementType()!;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return [null, .. For(underlying, depth).Take(2)];
        if (type.IsEnum)
        {
            Array values = Enum.GetValues(type);
            var pool = values.Cast<object?>().ToList();
            pool.Add(Enum.ToObject(type, 77));
            return pool.ToArray();
        }
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean: return [false, true];
            case TypeCode.Char: return ['a', 'é', '\0'];
            case TypeCode.SByte: return [(sbyte)0, (sbyte)-5, sbyte.MaxValue];
            case TypeCode.Byte: return [(byte)0, (byte)7, byte.MaxValue];
            case TypeCode.Int16: return [(short)0, (short)-300, short.MinValue];
            case TypeCode.UInt16: return [(ushort)0, (ushort)9, ushort.MaxValue];
            case TypeCode.Int32: return [0, 1, 7, -3, 42];
            case TypeCode.UInt32: return [0u, 5u, uint.MaxValue];
            case TypeCode.Int64: return [0L, 5L, -9_000_000_000L];
            case TypeCode.UInt64: return [0UL, 11UL, ulong.MaxValue];
            case TypeCode.Single: return [0f, 1.5f, -2.25f];
            case TypeCode.Double: return [0d, 2.5d, -1e300, double.NaN];
            case TypeCode.Decimal: return [0m, 12.5m, -1m];
            case TypeCode.DateTime: return [new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc), DateTime.MinValue];
            case TypeCode.String: return ["", "abc", null, "héllo wörld", "12"];
        }
        if (type == typeof(nint)) return [(nint)0, (nint)(-4)];
        if (type == typeof(nuint)) return [(nuint)0, (nuint)4];
        if (type == typeof(TimeSpan)) return [TimeSpan.Zero, TimeSpan.FromMilliseconds(1234.5), TimeSpan.FromDays(-2)];
        if (type == typeof(DateTimeOffset)) return [new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.FromHours(-5)), DateTimeOffset.MinValue];
        if (type == typeof(Guid)) return [new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"), Guid.Empty];
        if (type == typeof(CancellationToken)) return [CancellationToken.None, new CancellationToken(true)];
        if (type == typeof(object)) return [null, 1, "x"];
        if (type.IsArray && type.GetArrayRank() == 1)
        {
            Type element = type.GetElementType()!;
            object?[] elements = depth < 2 ? For(element, depth + 1) : [];
            Array empty = Array.CreateInstance(element, 0), full = Array.CreateInstance(element, elements.Length);
            for (int i = 0; i < elements.Length; i++)
                full.SetValue(elements[i], i);
            return [full, empty];
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(type)!;
            foreach (object? item in depth < 2 ? For(type.GetGenericArguments()[0], depth + 1) : [])
                list.Add(item);
            return [list];
        }
        if (type.IsInterface && type.IsGenericType && type.GetGenericArguments().Length == 1 &&
            type.IsAssignableFrom(typeof(List<>).MakeGenericType(type.GetGenericArguments())))
            return For(typeof(List<>).MakeGenericType(type.GetGenericArguments()), depth);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Func<,>))
            return [Functions.Make(type)];
        if (typeof(Delegate).IsAssignableFrom(type) || type.IsPointer || type.IsByRefLike || type.IsAbstract || type.IsInterface)
            return [null];
        if (depth < 2 && Construct(type, depth) is { } made)
            return type.IsValueType ? [made, Activator.CreateInstance(type)] : [made, null];
        return [type.IsValueType ? Activator.CreateInstance(type) : null];
    }

    /// <summary>An instance built through the type's first public constructor (parameterless preferred), or null.</summary>
    public static object? Construct(Type type, int depth = 0)
    {
        ConstructorInfo[] constructors = type.GetConstructors().OrderBy(c => c.GetParameters().Length).ToArray();
        if (constructors.Length == 0)
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        foreach (ConstructorInfo constructor in constructors)
        {
            try
            {
                return constructor.Invoke(constructor.GetParameters().Select(p => For(p.ParameterType, depth + 1).LastOrDefault(v => v is not null) ?? Default(p.ParameterType)).ToArray());
            }
            catch (TargetInvocationException)
            {
            }
        }
        return null;
    }

    public static object? Default(Type type) => type.IsValueType && !type.IsByRefLike ? Activator.CreateInstance(type) : null;

    /// <summary>Builds <c>Func&lt;A, B&gt;</c> values that describe their argument.</summary>
    private static class Functions
    {
        public static Delegate Make(Type funcType)
        {
            Type[] arguments = funcType.GetGenericArguments();
            MethodInfo method = typeof(Functions).GetMethod(nameof(Apply), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments);
            return method.CreateDelegate(funcType);
        }

        private static TResult Apply<T, TResult>(T value)
        {
            if (typeof(TResult) == typeof(string))
                return (TResult)(object)("f(" + value + ")");
            if (typeof(TResult) == typeof(T))
                return (TResult)(object)value!;
            return default!;
        }
    }
}
