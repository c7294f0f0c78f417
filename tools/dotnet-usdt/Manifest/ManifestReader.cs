using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Usdt.Contract;

namespace DotnetUsdt.Manifest;

/// <summary>Reads the <c>NAME.usdt.json</c> the weaver writes beside a woven assembly.</summary>
internal static class ManifestReader
{
    /// <summary>The manifest at <paramref name="path"/>, or null when there is none.</summary>
    /// <exception cref="IOException">It exists but cannot be read or is not a manifest.</exception>
    public static ManifestFile? TryRead(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            return Parse(path, document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IOException($"{path} is not a probe manifest: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"cannot read {path}: {e.Message}", e);
        }
    }

    public static ManifestFile Parse(string path, JsonElement root)
    {
        int format = root.GetProperty("format").GetInt32();
        if (format != 1)
            throw new FormatException($"manifest format {format}; this dotnet-usdt reads format 1 (update the tool)");
        var probes = root.GetProperty("probes").EnumerateArray().Select(ParseProbe).ToList();
        return new ManifestFile(path, root.GetProperty("assembly").GetString() ?? "", probes);
    }

    private static ProbeInfo ParseProbe(JsonElement probe)
    {
        JsonElement member = probe.GetProperty("member");
        ProbeKind kind = probe.GetProperty("kind").GetString() switch
        {
            "entry" => ProbeKind.Entry,
            "return" => ProbeKind.Return,
            "static" => ProbeKind.Static,
            _ => ProbeKind.Other,
        };
        return new ProbeInfo(
            probe.GetProperty("provider").GetString()!,
            probe.GetProperty("name").GetString()!,
            kind,
            member.GetProperty("type").GetString()!,
            member.GetProperty("method").GetString()!,
            member.GetProperty("signature").GetString()!,
            probe.GetProperty("async").GetBoolean(),
            probe.GetProperty("arguments").EnumerateArray().Select(ParseArgument).ToList());
    }

    private static ArgumentInfo ParseArgument(JsonElement argument)
    {
        string kindName = argument.GetProperty("kind").GetString()!;
        if (!Enum.TryParse(kindName, ignoreCase: true, out ArgumentKind kind))
            kind = ArgumentKind.Unsupported;
        EnumInfo? enumInfo = null;
        if (argument.TryGetProperty("enum", out JsonElement members))
        {
            enumInfo = new EnumInfo(argument.TryGetProperty("flags", out JsonElement flags) && flags.GetBoolean(),
                members.EnumerateArray().Select(m => new KeyValuePair<string, long>(m.GetProperty("name").GetString()!, Value(m.GetProperty("value")))).ToList());
        }
        return new ArgumentInfo(
            argument.GetProperty("slot").GetInt32(),
            argument.GetProperty("name").GetString()!,
            argument.GetProperty("type").GetString()!,
            kind,
            argument.TryGetProperty("description", out JsonElement description) ? description.GetString() ?? "" : "",
            argument.TryGetProperty("byRef", out JsonElement byRef) && byRef.GetBoolean(),
            argument.TryGetProperty("out", out JsonElement isOut) && isOut.GetBoolean(),
            enumInfo);
    }

    /// <summary>An enum constant of any integer type as its 64-bit pattern (a ulong above long.MaxValue keeps its bits).</summary>
    private static long Value(JsonElement value) =>
        value.TryGetInt64(out long signed) ? signed : unchecked((long)value.GetUInt64());
}
