using System;
using System.Collections.Generic;
using DotnetUsdt.Elf;
using Usdt.Contract;

namespace DotnetUsdt.Manifest;

/// <summary>
/// What a probe means when no manifest says: read from its note and its name alone. Usdt's
/// naming (<c>Type__Method__entry</c>, <c>__return</c>) and the return probe's fixed layout
/// give the member and the kind; the note gives each argument's size and sign, not its
/// .NET type, so arguments print as integers (a string is a pointer to the note). The
/// generic <c>dotnet:method__entry</c>/<c>method__return</c> pair is described as the contract lays it out.
/// </summary>
internal static class NoteDescriptions
{
    private const string EntrySuffix = "__entry";
    private const string ReturnSuffix = "__return";

    public static ProbeInfo Describe(SdtNote note)
    {
        if (note.Provider == MethodProbes.Provider && note.Name is MethodProbes.Entry or MethodProbes.Return)
            return MethodPair(note);
        ProbeKind kind = note.Name.EndsWith(EntrySuffix, StringComparison.Ordinal) ? ProbeKind.Entry
            : note.Name.EndsWith(ReturnSuffix, StringComparison.Ordinal) && note.Arguments.Count == 3 ? ProbeKind.Return
            : ProbeKind.Static;
        string stem = kind switch
        {
            ProbeKind.Entry => note.Name[..^EntrySuffix.Length],
            ProbeKind.Return => note.Name[..^ReturnSuffix.Length],
            _ => note.Name,
        };
        // Type__Method: the last "__" separates them (a nested type's '.' became '_').
        int split = stem.LastIndexOf("__", StringComparison.Ordinal);
        string type = split > 0 ? stem[..split] : "";
        string method = split > 0 ? stem[(split + 2)..] : stem;
        var arguments = new List<ArgumentInfo>();
        for (int i = 0; i < note.Arguments.Count; i++)
        {
            if (kind == ProbeKind.Return && i == 1)
                arguments.Add(new ArgumentInfo(1, "elapsed", "System.Int64", ArgumentKind.Int64, "nanoseconds since entry"));
            else if (kind == ProbeKind.Return && i == 2)
                arguments.Add(new ArgumentInfo(2, "exception", "System.String", ArgumentKind.Utf8String, "exception type name, NULL on return"));
            else
                arguments.Add(FromOperand(i, kind == ProbeKind.Return ? "result" : $"arg{i}", note.Arguments[i]));
        }
        return new ProbeInfo(note.Provider, note.Name, kind, type, method, "", isAsync: false, arguments);
    }

    private static ArgumentInfo FromOperand(int slot, string name, SdtOperand operand)
    {
        ArgumentKind kind = (operand.Size, operand.IsSigned) switch
        {
            (1, true) => ArgumentKind.Int8,
            (1, false) => ArgumentKind.UInt8,
            (2, true) => ArgumentKind.Int16,
            (2, false) => ArgumentKind.UInt16,
            (4, true) => ArgumentKind.Int32,
            (4, false) => ArgumentKind.UInt32,
            (_, true) => ArgumentKind.Int64,
            _ => ArgumentKind.UInt64,
        };
        string type = kind.ToString().ToLowerInvariant();
        return new ArgumentInfo(slot, name, type, kind, $"{type} (from the note; no manifest found)");
    }

    private static ProbeInfo MethodPair(SdtNote note)
    {
        string[] names = ["thread", "class", "classLength", "method", "methodLength", "signature", "signatureLength"];
        string[] types = ["System.Int64", "System.String", "System.Int32", "System.String", "System.Int32", "System.String", "System.Int32"];
        var arguments = new List<ArgumentInfo>();
        for (int i = 0; i < MethodProbes.Arguments.Count && i < names.Length; i++)
            arguments.Add(new ArgumentInfo(i, names[i], types[i], MethodProbes.Arguments[i], "generic method pair (hotspot layout)"));
        return new ProbeInfo(note.Provider, note.Name, ProbeKind.Other,
            "", note.Name, "", isAsync: false, arguments);
    }
}
