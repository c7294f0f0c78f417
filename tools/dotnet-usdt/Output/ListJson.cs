using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using DotnetUsdt.Manifest;
using DotnetUsdt.Targets;

namespace DotnetUsdt.Output;

/// <summary><c>list --json</c>: the same facts as the text, for programs.</summary>
internal static class ListJson
{
    public static void Write(Stream output, Target target, IReadOnlyDictionary<Probe, int?> semaphores, string? semaphoreProblem)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("target", target.Description);
        if (target.ProcessId is { } pid)
            json.WriteNumber("pid", pid);
        else
            json.WriteNull("pid");
        json.WriteStartArray("libraries");
        foreach (ProbeLibrary library in target.Libraries)
        {
            json.WriteStartObject();
            json.WriteString("path", library.ReadPath);
            json.WriteString("tracerPath", library.TracerPath);
            json.WriteString("origin", library.Origin.ToString().ToLowerInvariant());
            json.WriteString("label", library.Label);
            json.WriteString("buildId", library.File.BuildId);
            json.WriteString("manifest", library.Manifest?.Path);
            json.WriteStartArray("probes");
            foreach (Probe probe in library.Probes)
                WriteProbe(json, probe, target.ProcessId is null ? null : semaphores.TryGetValue(probe, out int? value) ? value : null, target.ProcessId is not null);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("unplacedProbes");
        foreach (ProbeInfo info in target.UnplacedProbes)
        {
            json.WriteStartObject();
            WriteInfo(json, info, null);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (string warning in target.Warnings)
            json.WriteStringValue(warning);
        if (semaphoreProblem is not null)
            json.WriteStringValue(semaphoreProblem);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteProbe(Utf8JsonWriter json, Probe probe, int? semaphore, bool live)
    {
        json.WriteStartObject();
        WriteInfo(json, probe.Info, probe);
        json.WriteBoolean("fromManifest", probe.FromManifest);
        json.WriteString("bpftrace", probe.BpftraceProbe);
        json.WriteNumber("location", probe.Note.Location);
        json.WriteNumber("semaphore", probe.Note.Semaphore);
        if (live && semaphore is { } value)
        {
            json.WriteNumber("semaphoreValue", value);
            json.WriteBoolean("traced", value > 0);
        }
        else
        {
            json.WriteNull("semaphoreValue");
            json.WriteNull("traced");
        }
        json.WriteEndObject();
    }

    private static void WriteInfo(Utf8JsonWriter json, ProbeInfo info, Probe? probe)
    {
        json.WriteString("provider", info.Provider);
        json.WriteString("name", info.Name);
        json.WriteString("kind", info.Kind.ToString().ToLowerInvariant());
        json.WriteStartObject("member");
        json.WriteString("type", info.TypeName);
        json.WriteString("method", info.Method);
        json.WriteString("signature", info.Signature);
        json.WriteEndObject();
        json.WriteBoolean("async", info.IsAsync);
        json.WriteStartArray("arguments");
        for (int i = 0; i < info.Arguments.Count; i++)
        {
            ArgumentInfo argument = info.Arguments[i];
            json.WriteStartObject();
            json.WriteNumber("slot", argument.Slot);
            json.WriteString("name", argument.Name);
            json.WriteString("type", argument.TypeName);
            json.WriteString("kind", argument.Kind.ToString().ToLowerInvariant());
            json.WriteString("description", argument.Description);
            if (probe is not null && i < probe.Note.Arguments.Count)
            {
                json.WriteNumber("size", probe.Note.Arguments[i].Size);
                json.WriteBoolean("signed", probe.Note.Arguments[i].IsSigned);
                json.WriteString("operand", probe.Note.Arguments[i].Operand);
            }
            if (argument.Enum is { } names)
            {
                json.WriteBoolean("flags", names.IsFlags);
                json.WriteStartObject("enum");
                foreach (KeyValuePair<string, long> member in names.Members)
                    json.WriteNumber(member.Key, member.Value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
