using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Usdt.Tests.Tracers;

/// <summary>
/// Uprobe events traced in a tracefs instance of our own, so that nothing another user of
/// this machine does (or sees) is touched: events get unique group names in the global
/// <c>uprobe_events</c>, are enabled only in <c>instances/NAME</c>, and are read from that
/// instance's <c>trace</c>. <see cref="Dispose"/> disables and removes every event and the
/// instance, whatever happened before.
/// </summary>
public sealed class TracefsSession : IDisposable
{
    private readonly string _root;
    private readonly List<UprobeEvent> _events = [];
    private readonly HashSet<UprobeEvent> _enabled = [];
    private bool _disposed;

    /// <param name="bufferKilobytes">Per-CPU ring buffer of the instance, large enough that no counted event is overwritten.</param>
    public TracefsSession(int bufferKilobytes = 4096)
    {
        StaleTracefsEntries.Remove();
        Name = UniqueNames.Next();
        Instance = Path.Combine(TracerRequirements.TracefsRoot, "instances", Name);
        _root = TracerRequirements.TracefsRoot;
        Directory.CreateDirectory(Instance); // mkdir in instances/ creates a new trace buffer
        try
        {
            WriteControl(Path.Combine(Instance, "buffer_size_kb"), bufferKilobytes.ToString(CultureInfo.InvariantCulture));
            // A full buffer drops the newest events instead of overwriting the oldest, so
            // events counted first are never lost to later ones.
            WriteControl(Path.Combine(Instance, "options", "overwrite"), "0");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The instance's name, also the group of every event this session creates.</summary>
    public string Name { get; }

    /// <summary>The instance directory.</summary>
    public string Instance { get; }

    /// <summary>
    /// Creates <c>p:GROUP/EVENT PATH:0xOFFSET(0xSEMAPHORE) FIELDS</c>. With a semaphore
    /// offset the kernel raises that counter in every process mapping the file while the
    /// event is enabled, as a USDT-aware tracer does. The event starts disabled.
    /// </summary>
    public UprobeEvent AddUprobe(string path, long offset, long? semaphoreOffset, IReadOnlyList<FetchArgument> fields, string? name = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string eventName = EventName(name);
        string place = $"{path}:0x{offset:x}" + (semaphoreOffset is { } semaphore ? $"(0x{semaphore:x})" : "");
        string definition = $"p:{Name}/{eventName} {place} {string.Join(' ', fields)}".TrimEnd();
        var uprobe = new UprobeEvent(Name, eventName, definition, fields.Select(f => f.Name).ToArray());
        WriteControl(Path.Combine(_root, "uprobe_events"), definition);
        _events.Add(uprobe);
        return uprobe;
    }

    /// <summary>
    /// <paramref name="wanted"/> when it is free in this session and short enough, else
    /// <c>e{n}</c>: tracefs refuses names of 64 characters or more, and a second
    /// <c>p:GROUP/EVENT</c> with a taken name would silently add a probe to that event.
    /// </summary>
    private string EventName(string? wanted)
    {
        const int MaxEventName = 63; // MAX_EVENT_NAME_LEN - 1 (kernel/trace/trace.h)
        bool usable = wanted is { Length: > 0 and <= MaxEventName } && !_events.Exists(e => e.Name == wanted);
        return usable ? wanted! : $"e{_events.Count}";
    }

    /// <summary>A uprobe on an SDT probe as the note describes it: its address, its semaphore, its arguments.</summary>
    public UprobeEvent AddSdtProbe(string path, SdtNote note, IReadOnlyCollection<int>? stringArguments = null) =>
        AddUprobe(path, note.Location, note.Semaphore == 0 ? null : note.Semaphore, SdtFetchArguments.For(note, stringArguments), note.Name);

    /// <summary>Starts tracing the event in this instance (the uprobe is in place when this returns).</summary>
    public void Enable(UprobeEvent uprobe)
    {
        WriteControl(EnableFile(uprobe), "1");
        _enabled.Add(uprobe);
    }

    /// <summary>Stops tracing the event (the uprobe is gone when this returns).</summary>
    public void Disable(UprobeEvent uprobe)
    {
        WriteControl(EnableFile(uprobe), "0");
        _enabled.Remove(uprobe);
    }

    /// <summary>Empties this instance's buffer (never the global one).</summary>
    public void Clear()
    {
        // tracefs clears a buffer when its trace file is opened with O_TRUNC; .NET's
        // FileMode.Truncate does not pass that flag (it truncates afterwards, which tracefs
        // ignores), hence open(2) itself.
        string trace = Path.Combine(Instance, "trace");
        int fd = Posix.Open(trace, Posix.O_WRONLY | Posix.O_TRUNC);
        if (fd < 0)
            throw new IOException($"open {trace} with O_TRUNC: {Posix.Describe(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        Posix.Close(fd);
    }

    /// <summary>
    /// The events of <paramref name="uprobe"/> now in the buffer, oldest first. Reading
    /// pauses the instance's tracing, so read once the fires to be counted are done.
    /// </summary>
    public IReadOnlyList<TraceRecord> Read(UprobeEvent uprobe)
    {
        var records = new List<TraceRecord>();
        var processes = new Dictionary<int, int?>();
        foreach (string line in ReadLines())
        {
            if (TraceRecord.TryParse(line, uprobe.FieldNames, processes) is { } record && record.Event == uprobe.Name)
                records.Add(record);
        }
        return records;
    }

    /// <summary>Every line of the instance's <c>trace</c>, bytes kept as Latin-1 characters.</summary>
    public IReadOnlyList<string> ReadLines() =>
        Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(Instance, "trace"))).Split('\n');

    /// <summary>"entries-written" minus "entries-in-buffer": events lost to a full buffer.</summary>
    public long LostEvents()
    {
        foreach (string line in ReadLines())
        {
            // "# entries-in-buffer/entries-written: 2/2   #P:2"
            const string Marker = "# entries-in-buffer/entries-written: ";
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                string[] counts = line[Marker.Length..].Split(' ')[0].Split('/');
                return long.Parse(counts[1], CultureInfo.InvariantCulture) - long.Parse(counts[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        var failures = new List<string>();
        // Order matters: an event enabled anywhere cannot be removed, and an instance
        // holding enabled events cannot be removed either.
        foreach (UprobeEvent uprobe in _enabled)
            Try(failures, () => WriteControl(EnableFile(uprobe), "0"));
        _enabled.Clear();
        Try(failures, RemoveInstance);
        foreach (UprobeEvent uprobe in _events)
        {
            // ENOENT: the event is already gone, which is what we want.
            Try(failures, () =>
            {
                try { WriteControl(Path.Combine(_root, "uprobe_events"), $"-:{uprobe.FullName}"); }
                catch (IOException e) when (e.InnerException is FileNotFoundException) { }
            });
        }
        _events.Clear();
        if (failures.Count > 0)
            throw new InvalidOperationException($"tracefs cleanup of {Name} failed: {string.Join("; ", failures)}");
    }

    /// <summary>
    /// rmdir of the instance; tracefs answers EBUSY while anything still holds one of its
    /// files (the last reader's release can trail its close), so it is retried for a while.
    /// </summary>
    private void RemoveInstance()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(Instance);
                return;
            }
            catch (IOException) when (attempt < 40 && Directory.Exists(Instance))
            {
                System.Threading.Thread.Sleep(50);
            }
        }
    }

    private string EnableFile(UprobeEvent uprobe) => Path.Combine(Instance, "events", uprobe.Group, uprobe.Name, "enable");

    private static void Try(List<string> failures, Action action)
    {
        try { action(); }
        catch (Exception e) { failures.Add(e.Message); }
    }

    /// <summary>
    /// One write(2) of <paramref name="text"/> to a tracefs control file, never with O_TRUNC
    /// (which on <c>uprobe_events</c> would delete every uprobe on the machine). On failure
    /// the message carries the kernel's explanation from <c>error_log</c>.
    /// </summary>
    internal static void WriteControl(string file, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text + "\n");
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0);
            stream.Write(bytes);
        }
        catch (IOException e)
        {
            // The kernel's errno comes back as .NET's exception for it (ENOENT is FileNotFoundException).
            throw new IOException($"writing '{text}' to {file}: {e.Message}{KernelErrorLog()}", e);
        }
    }

    private static string KernelErrorLog()
    {
        try
        {
            string[] lines = File.ReadAllLines(Path.Combine(TracerRequirements.TracefsRoot, "error_log"));
            return lines.Length == 0 ? "" : "\nerror_log:\n" + string.Join('\n', lines[Math.Max(0, lines.Length - 4)..]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
