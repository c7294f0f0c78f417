using System.Collections.Generic;
using Usdt.Contract;

namespace DotnetUsdt.Manifest;

/// <summary>One argument slot of a probe: its parameter name, its .NET type and how the tracer reads it.</summary>
internal sealed class ArgumentInfo
{
    public ArgumentInfo(int slot, string name, string typeName, ArgumentKind kind, string description,
        bool byReference = false, bool isOut = false, EnumInfo? enumInfo = null)
    {
        Slot = slot;
        Name = name;
        TypeName = typeName;
        Kind = kind;
        Description = description;
        ByReference = byReference;
        IsOut = isOut;
        Enum = enumInfo;
    }

    public int Slot { get; }

    public string Name { get; }

    /// <summary>The .NET type's full name (<c>System.Int32</c>); for arguments known from the notes alone, the C type (<c>int32</c>).</summary>
    public string TypeName { get; }

    public ArgumentKind Kind { get; }

    /// <summary>What the tracer reads, in words.</summary>
    public string Description { get; }

    public bool ByReference { get; }

    /// <summary>An <c>out</c> parameter: always 0 at entry.</summary>
    public bool IsOut { get; }

    public EnumInfo? Enum { get; }

    /// <summary>The pointer is to UTF-8 text: a string, a Guid's text, an exception's type name.</summary>
    public bool IsText => Kind == ArgumentKind.Utf8String;
}

/// <summary>The named values of an enum type.</summary>
internal sealed class EnumInfo
{
    public EnumInfo(bool isFlags, IReadOnlyList<KeyValuePair<string, long>> members)
    {
        IsFlags = isFlags;
        Members = members;
    }

    public bool IsFlags { get; }

    /// <summary>Name and value (as 64-bit two's complement: a ulong constant keeps its bits).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Members { get; }
}
