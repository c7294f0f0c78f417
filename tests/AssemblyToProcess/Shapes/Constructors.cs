using System;
using Usdt;

namespace AssemblyToProcess.Shapes;

/// <summary>Constructors: field initialisers before the base call, base(...) with arguments, this(...), throwing constructors.</summary>
[Probe]
public class Animal
{
    private readonly string _sound = Record("Animal field initialiser");

    public Animal(string name)
    {
        SideEffects.Record("Animal(" + name + ")");
        Name = name;
    }

    public string Name { get; }

    public string Sound => _sound;

    protected static string Record(string what)
    {
        SideEffects.Record(what);
        return what;
    }
}

[Probe]
public class Dog : Animal
{
    private readonly int _legs = Record("Dog field initialiser").Length;

    public Dog(string name) : base(name.Length > 0 ? name : throw new ArgumentException("no name", nameof(name)))
    {
        SideEffects.Record("Dog(" + name + ")");
    }

    public Dog() : this("rex")
    {
        SideEffects.Record("Dog()");
    }

    public Dog(int legs) : base("dog" + legs)
    {
        if (legs < 0)
            throw new ArgumentOutOfRangeException(nameof(legs));
        _legs = legs;
    }

    public int Legs => _legs;
}

/// <summary>Generic base class: the base call goes to a generic instance's constructor.</summary>
[Probe]
public class Holder<T>
{
    public Holder(T value) => Value = value;

    public T Value { get; }
}

[Probe]
public class IntHolder : Holder<int>
{
    public IntHolder(int value) : base(value * 2) { }
}

/// <summary>A static constructor (probed as <c>cctor</c>) and beforefieldinit-free static state.</summary>
[Probe]
public static class Registry
{
    public static readonly string[] Names;

    static Registry()
    {
        SideEffects.Record("Registry cctor");
        Names = ["a", "b"];
    }

    public static int Count() => Names.Length;
}

/// <summary>A primary constructor.</summary>
[Probe]
public class Point(int x, int y)
{
    public int X { get; } = x;

    public int Y { get; } = y;

    public int ManhattanLength() => Math.Abs(X) + Math.Abs(Y);
}

/// <summary>A record: its synthesized members are compiler-generated and not probed; its primary constructor and declared methods are.</summary>
[Probe]
public record Person(string First, string Last)
{
    public string FullName() => First + " " + Last;
}
