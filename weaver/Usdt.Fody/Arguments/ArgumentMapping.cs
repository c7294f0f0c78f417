using Mono.Cecil;

namespace Usdt.Fody.Arguments;

/// <summary>
/// How one probe argument is produced: the value's type (after dereferencing a
/// <c>ref</c>/<c>in</c>), its conversion to a word, and the argument code the probe table
/// gives the runtime (see Usdt.Weaving.WovenProbes: <c>b B h H i I l L s x</c>).
/// </summary>
internal sealed class ArgumentMapping
{
    public ArgumentMapping(TypeReference valueType, WordConversion conversion, char code, bool dereference, string description)
    {
        ValueType = valueType;
        Conversion = conversion;
        Code = code;
        Dereference = dereference;
        Description = description;
    }

    /// <summary>The type of the value once loaded (a <c>ref T</c> parameter's <c>T</c>).</summary>
    public TypeReference ValueType { get; }

    public WordConversion Conversion { get; }

    public char Code { get; }

    /// <summary>The slot holds a managed pointer: load through it first.</summary>
    public bool Dereference { get; }

    /// <summary>What a user reading the probe sees, e.g. "int", "string (UTF-8)", "unsupported: List`1".</summary>
    public string Description { get; }

    public bool IsSupported => Conversion != WordConversion.Unsupported;

    /// <summary>The same mapping for a slot whose value is never read (an <c>out</c> parameter at entry).</summary>
    public ArgumentMapping AsAlwaysZero() =>
        new(ValueType, WordConversion.Unsupported, Code, Dereference, Description + " (out: 0 at entry)");
}
