using System;
using Usdt;

namespace AssemblyToProcess.Shapes;

/// <summary>Instance methods of a mutable struct: <c>this</c> is a managed pointer.</summary>
[Probe]
public struct Counter
{
    private int _count;

    public Counter(int start) => _count = start;

    public Counter(int start, int step) : this(start) => _count += step;

    public int Increment(int by)
    {
        _count += by;
        return _count;
    }

    public readonly int Peek() => _count;

    public void Reset() => _count = 0;

    public static Counter Create(int start) => new(start);
}

/// <summary>A readonly struct with a static factory and a value-returning method.</summary>
[Probe]
public readonly struct Money
{
    public Money(decimal amount, string currency)
    {
        if (amount < 0)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "negative money");
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public string Currency { get; }

    public Money Add(Money other) =>
        other.Currency == Currency ? new Money(Amount + other.Amount, Currency) : throw new InvalidOperationException("currency mismatch");

    public override string ToString() => $"{Amount} {Currency}";
}

/// <summary>A ref struct: methods of byref-like types.</summary>
public ref struct Tokenizer
{
    private ReadOnlySpan<char> _rest;

    public Tokenizer(ReadOnlySpan<char> text) => _rest = text;

    [Probe]
    public int NextLength()
    {
        int space = _rest.IndexOf(' ');
        int length = space < 0 ? _rest.Length : space;
        _rest = space < 0 ? default : _rest[(space + 1)..];
        return length;
    }

    [Probe]
    public static int CountTokens(string text)
    {
        var tokenizer = new Tokenizer(text);
        int count = 0;
        while (tokenizer.NextLength() > 0)
            count++;
        return count;
    }
}
