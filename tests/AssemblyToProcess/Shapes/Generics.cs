using System;
using System.Collections.Generic;
using Usdt;

namespace AssemblyToProcess.Shapes;

/// <summary>A small struct the tests instantiate generics over (an unsupported argument type: passed as 0).</summary>
public struct Pair
{
    public Pair(int left, int right)
    {
        Left = left;
        Right = right;
    }

    public int Left { get; }

    public int Right { get; }

    public override string ToString() => $"({Left},{Right})";
}

/// <summary>A generic class: T-typed arguments, results, fields; generic methods inside it.</summary>
[Probe]
public class Box<T>
{
    private T _value;

    public Box(T value) => _value = value;

    public T Get() => _value;

    public T Swap(T value)
    {
        T old = _value;
        _value = value;
        return old;
    }

    public TResult Map<TResult>(Func<T, TResult> map) => map(_value);

    public bool Is<TOther>(TOther other) => Equals(_value, other);

    public ref T Ref() => ref _value;

    public static Box<T> Of(T value) => new(value);
}

/// <summary>Generic methods with every kind of constraint.</summary>
[Probe]
public static class Generic
{
    public static T Echo<T>(T value) => value;

    public static T Max<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) >= 0 ? a : b;

    public static T Make<T>() where T : new() => new T();

    public static int SizeOf<T>() where T : unmanaged => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public static string? NameOf<T>(T? value) where T : class => value?.GetType().Name;

    public static T? FirstOrNull<T>(IReadOnlyList<T> items) where T : struct => items.Count > 0 ? items[0] : null;

    public static void Fill<T>(T[] array, T value)
    {
        for (int i = 0; i < array.Length; i++)
            array[i] = value;
    }

    public static bool TryFirst<T>(IEnumerable<T> items, out T? first)
    {
        foreach (T item in items)
        {
            first = item;
            return true;
        }
        first = default;
        return false;
    }

    public static T Throw<T>(T value) => throw new InvalidOperationException("no " + value);

    public static int Length<T>(ReadOnlySpan<T> span) => span.Length;

    /// <summary>A generic parameter that may be a ref struct (C# 13 <c>allows ref struct</c>): its value cannot be converted, so the slot passes 0.</summary>
    public static int RefLike<T>(T value) where T : allows ref struct => 1;
}

/// <summary>Nested generic types in a generic outer type.</summary>
public class Outer<TOuter>
{
    [Probe]
    public class Inner<TInner>
    {
        public string Both(TOuter outer, TInner inner) => $"{outer}/{inner}";
    }

    [Probe]
    public static int Plain(TOuter value) => value is null ? 0 : 1;
}
