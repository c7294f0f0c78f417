using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Usdt.Tests.Tracers;

/// <summary>
/// perf as a user runs it on SDT probes: <c>perf buildid-cache --add LIB</c>,
/// <c>perf probe -x LIB -a sdt_PROVIDER:NAME</c>, <c>perf record -e sdt_PROVIDER:NAME -a</c>,
/// <c>perf script</c>. Everything perf writes (build-id cache, data file) stays in a
/// private temporary directory, and <see cref="Dispose"/> deletes every event it added
/// with <c>perf probe -d</c>.
/// </summary>
/// <remarks>
/// perf takes its cache directory from <c>perf --buildid-dir DIR</c> (or perfconfig); the
/// PERF_BUILDID_DIR variable is only what perf exports to the commands it runs, so setting
/// it would leave the cache in ~/.debug.
/// </remarks>
/// </summary>
public sealed class PerfSession : IDisposable
{
    private readonly string _directory;
    private readonly HashSet<string> _groups = [];
    private Process? _record;
    private Task<string>? _recordStdout, _recordStderr;
    private bool _disposed;

    public PerfSession()
    {
        _directory = Directory.CreateTempSubdirectory("usdt-perf-").FullName;
        BuildIdDirectory = Path.Combine(_directory, "buildid");
        Directory.CreateDirectory(BuildIdDirectory);
    }

    /// <summary>The private build-id cache (<c>--buildid-dir</c>) where perf keeps the library and its SDT notes.</summary>
    public string BuildIdDirectory { get; }

    private string DataFile => Path.Combine(_directory, "perf.data");

    /// <summary><c>perf buildid-cache --add</c>: perf refuses SDT events of files it has not cached.</summary>
    public CommandResult AddToBuildIdCache(string library) => Perf("buildid-cache", "--add", library).EnsureSuccess();

    /// <summary><c>perf probe -x LIB -a sdt_PROVIDER:NAME</c>; returns the event name for <c>-e</c>.</summary>
    public string AddSdtEvent(string library, string provider, string name)
    {
        string group = "sdt_" + provider;
        _groups.Add(group); // before running: a half-made event is removed too
        Perf("probe", "-x", library, "-a", $"{group}:{name}").EnsureSuccess();
        return $"{group}:{name}";
    }

    /// <summary>
    /// Starts <c>perf record -a</c> on <paramref name="events"/> with events disabled, then
    /// enables them through perf's control FIFO and waits for its acknowledgement: when this
    /// returns, every fire is recorded.
    /// </summary>
    public void StartRecording(IEnumerable<string> events)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string control = Path.Combine(_directory, "control"), ack = Path.Combine(_directory, "ack");
        foreach (string fifo in new[] { control, ack })
        {
            if (Posix.MakeFifo(fifo, 0x180) != 0) // 0600
                throw new IOException($"mkfifo {fifo}: {Posix.Describe(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        }

        var start = new ProcessStartInfo("perf")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // -D -1: start with events disabled until "enable" arrives on the control FIFO.
        // -B -N: no build-id post-processing, so stopping is quick and caches nothing.
        foreach (string argument in new[] { "--buildid-dir", BuildIdDirectory, "record", "-a", "-D", "-1", "--control", $"fifo:{control},{ack}", "-B", "-N", "-o", DataFile })
            start.ArgumentList.Add(argument);
        foreach (string name in events)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(name);
        }
        _record = Process.Start(start) ?? throw new InvalidOperationException("cannot start perf record");
        _record.StandardInput.Close();
        Task<string> stdout = _recordStdout = _record.StandardOutput.ReadToEndAsync();
        Task<string> stderr = _recordStderr = _record.StandardError.ReadToEndAsync();

        // Opening a FIFO blocks until perf opens the other end, so both steps have a limit.
        Task<string> handshake = Task.Run(() =>
        {
            using (var writer = new FileStream(control, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0))
                writer.Write("enable\n"u8);
            using var reader = new StreamReader(new FileStream(ack, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0));
            return reader.ReadLine() ?? "";
        });
        if (!handshake.Wait(TimeSpan.FromSeconds(30)) || handshake.Result != "ack")
        {
            string state = _record.HasExited ? $"perf record exited {_record.ExitCode}" : "perf record did not acknowledge 'enable'";
            StopProcess();
            throw new InvalidOperationException($"{state}\nstdout:\n{Completed(stdout)}\nstderr:\n{Completed(stderr)}");
        }
    }

    /// <summary>Stops <c>perf record</c> with SIGINT (it writes its data and exits) and returns <c>perf script</c>'s samples.</summary>
    public IReadOnlyList<PerfSample> StopRecording()
    {
        Process record = _record ?? throw new InvalidOperationException("not recording");
        Posix.Kill(record.Id, Posix.SIGINT);
        if (!record.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            StopProcess();
            throw new TimeoutException("perf record did not stop after SIGINT; killed it");
        }
        record.WaitForExit();
        int exitCode = record.ExitCode;
        string stderr = Completed(_recordStderr!);
        record.Dispose();
        _record = null;
        // Without a workload, perf record ends by the signal: 128 + SIGINT.
        if (exitCode is not (0 or 128 + Posix.SIGINT))
            throw new InvalidOperationException($"perf record exited {exitCode}:\n{stderr}");

        var samples = new List<PerfSample>();
        foreach (string line in Perf("script", "-i", DataFile, "-F", PerfSample.ScriptFields).EnsureSuccess().Stdout.Split('\n'))
        {
            if (PerfSample.TryParse(line) is { } sample)
                samples.Add(sample);
        }
        return samples;
    }

    private CommandResult Perf(params string[] arguments) =>
        CommandRunner.Run("perf", ["--buildid-dir", BuildIdDirectory, .. arguments], timeout: TimeSpan.FromSeconds(60));

    private static string Completed(Task<string> output) => output.Wait(TimeSpan.FromSeconds(2)) ? output.Result : "(still open)";

    private void StopProcess()
    {
        if (_record is { } record)
        {
            if (!record.HasExited)
            {
                record.Kill(); // this pid only
                record.WaitForExit();
            }
            record.Dispose();
            _record = null;
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        var failures = new List<string>();
        StopProcess();
        foreach (string group in _groups)
        {
            CommandResult removed = Perf("probe", "-d", $"{group}:*");
            // When the add itself had failed there is nothing to remove, which perf reports as
            // "does not hit any event" (or "No such"/"not found"): not a cleanup failure, and
            // throwing here would hide the add's own error.
            if (removed.ExitCode != 0 && !removed.Stderr.Contains("No such", StringComparison.OrdinalIgnoreCase)
                && !removed.Stderr.Contains("not found", StringComparison.OrdinalIgnoreCase)
                && !removed.Stderr.Contains("does not hit any event", StringComparison.OrdinalIgnoreCase))
                failures.Add(removed.Stderr.Trim());
        }
        try { Directory.Delete(_directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { failures.Add(e.Message); }
        if (failures.Count > 0)
            throw new InvalidOperationException("perf cleanup failed: " + string.Join("; ", failures));
    }
}
