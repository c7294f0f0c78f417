using System.Collections.Generic;
using System.IO;
using System.Linq;
using DotnetUsdt.Manifest;
using DotnetUsdt.Targets;

namespace DotnetUsdt.Output;

/// <summary>
/// <c>list</c> for people, shaped like bcc's <c>tplist -v</c>: per probe the library,
/// <c>provider:name</c> and semaphore, then the .NET member, the location and each argument
/// (size, sign and operand from the note, then the parameter's name and .NET type).
/// </summary>
internal static class ListText
{
    public static void Write(TextWriter output, Target target, IReadOnlyDictionary<Probe, int?> semaphores, string? semaphoreProblem)
    {
        output.WriteLine(target.Description);
        foreach (ProbeLibrary library in target.Libraries)
        {
            output.WriteLine();
            output.WriteLine($"library {library.TracerPath}");
            output.WriteLine($"  {OriginText(library)}; {library.Probes.Count} probes; build-id {library.File.BuildId ?? "none"}");
            output.WriteLine($"  described by {(library.Manifest is { } manifest ? manifest.Path : "its notes alone (" + (library.ManifestProblem ?? "no manifest") + ")")}");
            output.WriteLine($"  bpftrace: bpftrace -e 'usdt:{library.TracerPath}:{library.Probes.FirstOrDefault()?.Note.Provider ?? "PROVIDER"}:* {{ ... }}'");
            foreach (Probe probe in library.Probes)
                WriteProbe(output, probe, semaphores.TryGetValue(probe, out int? value) ? value : null, target.ProcessId is not null);
        }
        if (target.UnplacedProbes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("probes of the manifest (their library is generated when a process starts):");
            foreach (ProbeInfo info in target.UnplacedProbes)
            {
                output.WriteLine($"{info.Provider}:{info.Name}");
                WriteMember(output, info);
                foreach (ArgumentInfo argument in info.Arguments)
                    output.WriteLine($"    argument #{argument.Slot + 1} {argument.Name,-12} {argument.TypeName}  {argument.Description}");
            }
        }
        if (semaphoreProblem is not null)
            target.Warnings.Add(semaphoreProblem);
        foreach (string warning in target.Warnings)
            output.WriteLine($"warning: {warning}");
    }

    private static void WriteProbe(TextWriter output, Probe probe, int? semaphore, bool live)
    {
        string sema = probe.Note.Semaphore == 0 ? "[sema 0x0]"
            : live && semaphore is { } value ? $"[sema 0x{probe.Note.Semaphore:x} = {value}]{(value > 0 ? " TRACED" : "")}"
            : $"[sema 0x{probe.Note.Semaphore:x}]";
        output.WriteLine($"{probe.Library.TracerPath} {probe.Note.FullName} {sema}");
        WriteMember(output, probe.Info);
        output.WriteLine($"  location #1 {probe.Library.TracerPath} 0x{probe.Note.Location:x}");
        for (int i = 0; i < probe.Note.Arguments.Count; i++)
        {
            var operand = probe.Note.Arguments[i];
            ArgumentInfo? argument = i < probe.Info.Arguments.Count ? probe.Info.Arguments[i] : null;
            string where = $"argument #{i + 1} {operand.Size} {(operand.IsSigned ? "signed" : "unsigned")} bytes @ {operand.Operand}";
            output.WriteLine(argument is null ? $"    {where}" : $"    {where,-36} {argument.Name,-12} {argument.TypeName}{Notes(argument, i)}");
        }
    }

    private static string Notes(ArgumentInfo argument, int slot)
    {
        var notes = new List<string>();
        if (argument.IsOut)
            notes.Add("out: 0 at entry");
        if (argument.Enum is { } names)
            notes.Add(string.Join(" ", names.Members.Select(m => $"{m.Key}={m.Value}")));
        if (argument.Kind == Usdt.Contract.ArgumentKind.Unsupported)
            notes.Add("unsupported: always 0");
        if (slot >= Bpftrace.BpftraceScript.MaxArguments)
            notes.Add("beyond bpftrace 0.17's arg5: --tracer tracefs reads it");
        return notes.Count == 0 ? "" : "  (" + string.Join("; ", notes) + ")";
    }

    private static void WriteMember(TextWriter output, ProbeInfo info)
    {
        string kind = info.Kind switch
        {
            ProbeKind.Entry => "entry",
            ProbeKind.Return => "return",
            ProbeKind.Static => "static probe",
            _ => "probe",
        };
        output.WriteLine($"  {info.MemberName}{info.Signature}  {kind}{(info.IsAsync ? ", async" : "")}");
    }

    private static string OriginText(ProbeLibrary library) => library.Origin switch
    {
        LibraryOrigin.Built => "built beside the assembly",
        LibraryOrigin.Generated => "generated at start-up",
        LibraryOrigin.MemoryFile => $"generated into a memfd, open as {library.TracerPath}",
        _ => "a probe library",
    };
}
