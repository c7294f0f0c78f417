using System;
using System.Threading;
using Usdt;

namespace AssemblyToProcess.Shapes;

/// <summary>Instance methods of a class: value, string, void, a throw from the runtime.</summary>
[Probe]
public class Calculator
{
    private int _calls;

    public int Add(int a, int b)
    {
        _calls++;
        return a + b;
    }

    public string Greet(string name) => "hello " + name;

    public int Divide(int a, int b) => a / b;

    public void Nothing() { }

    public long Calls() => _calls;

    /// <summary>Sleeps: its return probe's elapsed time must cover the sleep.</summary>
    public int Sleep(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }
}

/// <summary>Static methods, including one that returns through a call the JIT may tail-call.</summary>
[Probe]
public static class StaticMath
{
    public static int Counter;

    public static int Square(int x) => x * x;

    public static long Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    public static void Bump(int by) => Counter += by;

    public static string Concat(string a, string b) => string.Concat(a, b);

    public static int Max(int a, int b) => Math.Max(a, b);
}

/// <summary>Virtual dispatch, overrides, explicit interface implementations, default interface methods, operators, extension methods.</summary>
public interface IShape
{
    double Area();

    [Probe]
    string Describe() => "shape of area " + Area().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

[Probe]
public abstract class ShapeBase : IShape
{
    public abstract double Area();

    public virtual string Name() => "base";

    double IShape.Area() => Area() * 1;
}

[Probe]
public sealed class Square : ShapeBase
{
    private readonly double _side;

    public Square(double side) => _side = side;

    public override double Area() => _side * _side;

    public override string Name() => "square:" + base.Name();

    public static Square operator +(Square a, Square b) => new(a._side + b._side);

    public static bool operator ==(Square? a, Square? b) => a?._side == b?._side;

    public static bool operator !=(Square? a, Square? b) => !(a == b);

    public override bool Equals(object? obj) => obj is Square other && other._side == _side;

    public override int GetHashCode() => _side.GetHashCode();
}

[Probe]
public static class StringExtensions
{
    public static string Shout(this string text, int times = 1, params string[] suffixes)
    {
        string result = text.ToUpperInvariant();
        for (int i = 1; i < times; i++)
            result += result;
        return result + string.Concat(suffixes);
    }
}
