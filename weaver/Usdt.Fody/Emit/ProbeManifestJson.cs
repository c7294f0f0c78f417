using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Usdt.Contract;
using Usdt.Fody.Selection;

namespace Usdt.Fody.Emit;

/// <summary>
/// The manifest for tools, <c>NAME.usdt.json</c>: the same probes as <c>NAME.usdt.txt</c>,
/// with what a tool needs to format their arguments without guessing: the member, the kind
/// of probe, whether it is async, and per argument its slot, parameter name, .NET type,
/// argument kind and, for enums, the names of the values. The same module gives the same
/// bytes: no timestamps, no paths, probes in table order.
/// </summary>
internal static class ProbeManifestJson
{
    /// <summary>Raised when a field changes meaning or goes away; new fields do not raise it.</summary>
    public const int FormatVersion = 1;

    public static void Write(ProbeManifest manifest, string assemblyName, TextWriter text)
    {
        var json = new JsonText(text);
        json.StartObject()
            .Number("format", FormatVersion)
            .String("assembly", assemblyName)
            .StartArray("probes");
        foreach (ManifestProbe probe in manifest.Probes)
            WriteProbe(json, probe);
        json.EndArray().StartArray("skipped");
        foreach (SkippedMethod skipped in manifest.Skipped)
        {
            json.StartInlineObject()
                .String("member", skipped.Member)
                .String("reason", skipped.Reason)
                .EndObject();
        }
        json.EndArray().EndObject().End();
    }

    private static void WriteProbe(JsonText json, ManifestProbe probe)
    {
        json.StartObject()
            .String("provider", probe.Provider)
            .String("name", probe.Name)
            .String("kind", probe.Kind switch { ManifestProbeKind.Entry => "entry", ManifestProbeKind.Return => "return", _ => "static" })
            .StartObject("member")
            .String("type", probe.Member.Type)
            .String("method", probe.Member.Method)
            .String("signature", probe.Member.Signature)
            .EndObject()
            .String("source", probe.Source)
            .Boolean("async", probe.IsAsync)
            .StartArray("arguments");
        for (int slot = 0; slot < probe.Arguments.Count; slot++)
        {
            ManifestArgument argument = probe.Arguments[slot];
            json.StartInlineObject()
                .Number("slot", slot)
                .String("name", argument.Name)
                .String("type", argument.TypeName)
                .String("kind", KindName(argument.Kind))
                .Boolean("byRef", argument.ByReference)
                .Boolean("out", argument.IsOut)
                .String("description", argument.Description);
            if (argument.EnumMembers is { } members)
            {
                json.Boolean("flags", members.IsFlags).StartArray("enum");
                foreach (var member in members.Members)
                    json.StartInlineObject().String("name", member.Key).RawNumber("value", member.Value).EndObject();
                json.EndArray();
            }
            json.EndObject();
        }
        json.EndArray().EndObject();
    }

    // Each kind's name, made once: every argument of every probe names one.
    private static readonly Dictionary<ArgumentKind, string> s_kindNames =
        Enum.GetValues(typeof(ArgumentKind)).Cast<ArgumentKind>().ToDictionary(kind => kind, kind => kind.ToString().ToLowerInvariant());

    private static string KindName(ArgumentKind kind) =>
        s_kindNames.TryGetValue(kind, out string? name) ? name : kind.ToString().ToLowerInvariant();
}
