using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using DotnetUsdt.Cli;
using DotnetUsdt.Output;
using DotnetUsdt.Platform;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Bpftrace;

/// <summary>
/// Runs the generated program with bpftrace and decodes what it prints. bpftrace runs
/// BEGIN once every probe is attached, so its line marks the end of attaching; until then
/// the tool says how far attaching got (from the probes' semaphores in the traced process,
/// which the kernel raises as each probe attaches). Stopped with SIGINT to its own pid, so
/// it detaches cleanly.
/// </summary>
internal sealed partial class BpftraceTracer : IProbeTracer
{
    private readonly string _bpftrace;
    private readonly TimeSpan? _duration;
    private readonly string _description;

    public BpftraceTracer(string bpftrace, TimeSpan? duration, string description)
    {
        _bpftrace = bpftrace;
        _duration = duration;
        _description = description;
    }

    public string Name => "bpftrace";

    /// <summary>bpftrace on PATH, or a message saying how to get it.</summary>
    public static string Locate()
    {
        string? path = ExecutableSearch.Find(Environment.GetEnvironmentVariable("BPFTRACE") is { Length: > 0 } configured ? configured : "bpftrace");
        return path ?? throw new ToolFailure(
            "bpftrace is not installed (or not on PATH).\n" +
            "Install it: sudo apt-get install bpftrace (Debian, Ubuntu), sudo dnf install bpftrace (Fedora), or see https://github.com/bpftrace/bpftrace/blob/master/INSTALL.md;\n" +
            "or trace without it through the kernel's tracefs: dotnet-usdt trace --tracer tracefs ...",
            ExitCodes.TracerMissing);
    }

    public TracerRun Run(IReadOnlyList<Probe> probes, int? processId, TraceMode mode, Action<ProbeEvent> onEvent, Action onAttached, CancellationToken stop)
    {
        BpftraceProgram program = BpftraceScript.Generate(probes, processId, mode, _duration, _description);
        string scriptPath = Path.Combine(Path.GetTempPath(), $"dotnet-usdt-{Environment.ProcessId}-{Guid.NewGuid():N}.bt");
        File.WriteAllText(scriptPath, program.Text);
        File.SetUnixFileMode(scriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            return Run(program, scriptPath, probes, processId, onEvent, onAttached, stop);
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    private TracerRun Run(BpftraceProgram program, string scriptPath, IReadOnlyList<Probe> probes, int? processId,
        Action<ProbeEvent> onEvent, Action onAttached, CancellationToken stop)
    {
        var start = new ProcessStartInfo(_bpftrace)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach ((string name, string value) in program.Environment)
            start.Environment[name] = value;
        start.ArgumentList.Add(scriptPath);

        var run = new TracerRun();
        var parser = new BpftraceRecordParser(probes, program);
        var errors = new List<string>();
        using var attached = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
                return;
            if (line == BpftraceProgram.ReadyLine)
            {
                attached.Set();
                return;
            }
            ProbeEvent? fire = null;
            try { fire = parser.Parse(line); }
            catch (FormatException) { }
            if (fire is not null)
                onEvent(fire);
            else if (LostPattern().Match(line) is { Success: true } lost)
                Interlocked.Add(ref run.LostEventsField, long.Parse(lost.Groups[1].Value, CultureInfo.InvariantCulture));
            else if (!line.StartsWith("Attaching ", StringComparison.Ordinal) && line.Length > 0 && !char.IsAsciiDigit(line[0]))
                Progress.Say("bpftrace: " + line);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && !line.Contains("RLIMIT_MEMLOCK", StringComparison.Ordinal))
            {
                lock (errors)
                    errors.Add(line);
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            WaitUntilAttached(process, attached, probes, processId, stop);
            if (process.HasExited && !attached.IsSet)
            {
                process.WaitForExit();
                throw new ToolFailure($"bpftrace exited ({process.ExitCode}) before attaching:\n{string.Join("\n", errors)}");
            }
            if (attached.IsSet)
                onAttached();
            while (!process.HasExited && !stop.IsCancellationRequested)
                stop.WaitHandle.WaitOne(200);
            Stop(process);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
        }
        process.WaitForExit(); // drains the output readers
        if (process.ExitCode != 0 && errors.Count > 0)
            run.Notes.Add($"bpftrace exited {process.ExitCode}: {string.Join("\n", errors)}");
        return run;
    }

    private static void WaitUntilAttached(Process process, ManualResetEventSlim attached, IReadOnlyList<Probe> probes, int? processId, CancellationToken stop)
    {
        var progress = new Progress();
        using SemaphoreReader? semaphores = processId is { } pid ? SemaphoreReader.Open(pid) : null;
        while (!attached.Wait(250) && !process.HasExited && !stop.IsCancellationRequested)
        {
            if (progress.Elapsed < TimeSpan.FromSeconds(1))
                continue;
            if (semaphores is { Problem: null })
            {
                // Each attached probe has its semaphore raised in the process.
                int raised = probes.Count(p => semaphores.Read(p) > 0);
                progress.Step($"bpftrace attaching {probes.Count} probes", raised, probes.Count, TimeSpan.FromSeconds(2));
            }
            else
            {
                progress.Tick($"bpftrace attaching {probes.Count} probes", TimeSpan.FromSeconds(2));
            }
        }
    }

    /// <summary>
    /// SIGINT, as Ctrl+C, resent every half second while bpftrace still catches it: bpftrace
    /// 0.17 notices SIGINT only when it interrupts its wait for events, and one that lands
    /// while it prints is lost. Once it stops catching SIGINT it is finishing, and is only waited for.
    /// </summary>
    private static void Stop(Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!process.HasExited)
        {
            if (CatchesSigint(process.Id))
                Libc.Kill(process.Id, Libc.SIGINT);
            if (process.WaitForExit(500))
                break;
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Progress.Say("bpftrace did not stop within 30 s of SIGINT; killing it");
                process.Kill();
                break;
            }
        }
    }

    private static bool CatchesSigint(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("SigCgt:", StringComparison.Ordinal))
                    return (ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (Libc.SIGINT - 1))) != 0;
            }
        }
        catch (IOException)
        {
            // gone already
        }
        return false;
    }

    // "Lost 12 events"
    [GeneratedRegex(@"^Lost (\d+) events")]
    private static partial Regex LostPattern();
}
