using Mono.Cecil;
using Usdt.Contract;

namespace Usdt.Fody.Arguments;

/// <summary>
/// How one probe argument is produced: the value's type (after dereferencing a
/// <c>ref</c>/<c>in</c>), its conversion to a word, and the argument kind the probe table
/// and the probe library give it.
/// </summary>
internal sealed class ArgumentMapping
{
    public ArgumentMapping(TypeReference valueType, WordConversion conversion, ArgumentKind kind, bool dereference, string description)
    {
        ValueType = valueType;
        Conversion = conversion;
        Kind = kind;
        Dereference = dereference;
        Description = description;
    }

    /// <summary>The type of the value once loaded (a <c>ref T</c> parameter's <c>T</c>).</summary>
    public TypeReference ValueType { get; }

    public WordConversion Conversion { get; }

    public ArgumentKind Kind { get; }

    /// <summary>The slot holds a managed pointer: load through it first.</summary>
    public bool Dereference { get; }

    /// <summary>What a user reading the probe sees, e.g. "int", "string (UTF-8)", "unsupported: List`1".</summary>
    public string Description { get; }

    public bool IsSupported => Conversion != WordConversion.Unsupported;

    /// <summary>The same mapping for a slot whose value is never read (an <c>out</c> parameter at entry).</summary>
    public ArgumentMapping AsAlwaysZero() =>
        new(ValueType, WordConversion.Unsupported, Kind, Dereference, Description + " (out: 0 at entry)");
}
