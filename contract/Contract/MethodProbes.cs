using System.Collections.Generic;

namespace Usdt.Contract;

/// <summary>
/// The generic probe pair every woven method also reports through when generic probes are
/// switched on: <c>dotnet:method__entry</c> and <c>dotnet:method__return</c>, laid out as
/// HotSpot's <c>hotspot:method__entry</c>/<c>method__return</c> are, so that tools written
/// for them (bcc's <c>ucalls -l java</c>, <c>uflow -l java</c>) read .NET processes unmodified:
/// <c>(thread id, class name, class name length, method name, method name length,
/// signature, signature length)</c>. The pair exists once per process, in a library of its
/// own (bcc refuses a probe name that two providers of one process define, and makes one
/// uprobe per location), and every woven module's sites call it.
/// </summary>
internal static class MethodProbes
{
    public const string Provider = "dotnet";
    public const string Entry = "method__entry";
    public const string Return = "method__return";

    /// <summary>The file stem of the pair's library: <c>dotnet-methods.usdt.x64.so</c> beside the woven assemblies.</summary>
    public const string LibraryStem = "dotnet-methods";

    /// <summary>
    /// Bytes a tracer may read past any name pointer: bcc's language tools copy a fixed
    /// 80 bytes (their MAX_STRING_LENGTH) from each, whatever the length argument says, and a
    /// copy that crosses into an unmapped page fails whole. Names are NUL-terminated and the
    /// name table ends with this many zero bytes.
    /// </summary>
    public const int ReadAhead = 80;

    /// <summary>Thread id, then class, method and signature as (UTF-8 pointer, byte length); pointers are 8-byte in the note.</summary>
    public static readonly IReadOnlyList<ArgumentKind> Arguments =
    [
        ArgumentKind.Int64,
        ArgumentKind.Utf8String, ArgumentKind.Int32,
        ArgumentKind.Utf8String, ArgumentKind.Int32,
        ArgumentKind.Utf8String, ArgumentKind.Int32,
    ];

    /// <summary>The pair, in table order: entry at index 0, return at index 1.</summary>
    public static IReadOnlyList<ProbeSpec> Pair { get; } =
    [
        new ProbeSpec(Provider, Entry, Arguments),
        new ProbeSpec(Provider, Return, Arguments),
    ];
}
