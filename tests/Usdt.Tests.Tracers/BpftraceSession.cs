using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace Usdt.Tests.Tracers;

/// <summary>
/// A running bpftrace: started with a script (optionally <c>-p PID</c>), attached once it
/// prints "Attaching N probes..." and then the line of a BEGIN block the session adds
/// (bpftrace fires BEGIN only after every other probe is attached, while the "Attaching"
/// line comes before), stopped with SIGINT sent to its own pid (so END blocks and map
/// printing run), never by name. Output is kept byte for byte.
/// </summary>
/// <remarks>
/// bpftrace 0.17 reads at most six USDT arguments on x86-64 ("x86_64 doesn't support
/// arg6"); arguments beyond the sixth are checked through tracefs and perf instead.
/// </remarks>
public sealed partial class BpftraceSession : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly ManualResetEventSlim _attached = new();
    private int _attachedProbes = -1;
    private bool _ready;

    /// <summary>The line the added BEGIN block prints; scripts must not declare BEGIN themselves.</summary>
    public const string ReadyLine = "usdt-tests: bpftrace ready";

    private BpftraceSession(Process process) => _process = process;

    /// <summary>The bpftrace process id (ours to signal).</summary>
    public int ProcessId => _process.Id;

    /// <summary>N of "Attaching N probes..." less the added BEGIN probe, or -1 before it was printed.</summary>
    public int AttachedProbes => Volatile.Read(ref _attachedProbes);

    /// <param name="script">The program, as for <c>bpftrace -e</c>, without a BEGIN block.</param>
    /// <param name="processId">Attach to this process only (<c>-p</c>); its mapped libraries are searched for USDT probes.</param>
    /// <param name="stringLength">BPFTRACE_STRLEN: bytes <c>str()</c> reads (bpftrace 0.17 allows up to 200).</param>
    public static BpftraceSession Start(string script, int? processId = null, int stringLength = 200)
    {
        var start = new ProcessStartInfo("bpftrace")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // Latin-1 maps every byte to one char, so non-ASCII output survives unchanged.
            StandardOutputEncoding = Encoding.Latin1,
            StandardErrorEncoding = Encoding.Latin1,
        };
        start.Environment["BPFTRACE_STRLEN"] = stringLength.ToString(CultureInfo.InvariantCulture);
        if (processId is { } pid)
        {
            start.ArgumentList.Add("-p");
            start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add($"BEGIN {{ printf(\"{ReadyLine}\\n\"); }}\n{script}");

        var process = new Process { StartInfo = start };
        var session = new BpftraceSession(process);
        process.OutputDataReceived += (_, e) => session.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (session._stderr) session._stderr.Add(e.Data); };
        process.Exited += (_, _) => session._attached.Set(); // wake a waiter: it will see the exit
        process.EnableRaisingEvents = true;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return session;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
            return;
        if (line == ReadyLine)
        {
            Volatile.Write(ref _ready, true);
            _attached.Set();
            return;
        }
        lock (_stdout)
            _stdout.Add(line);
        if (AttachingPattern().Match(line) is { Success: true } match)
            Volatile.Write(ref _attachedProbes, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1);
    }

    /// <summary>Waits until every probe is attached; throws with bpftrace's errors when it exits or times out first.</summary>
    public BpftraceSession WaitUntilAttached(TimeSpan? timeout = null)
    {
        // bpftrace compiles its program with LLVM before attaching: a second on an idle
        // machine, half a minute and more on a loaded one.
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(90);
        _attached.Wait(limit);
        if (!Volatile.Read(ref _ready))
        {
            if (_process.HasExited)
                _process.WaitForExit(); // drains the output readers, so the message has every error
            throw new InvalidOperationException(
                (_process.HasExited ? $"bpftrace exited ({_process.ExitCode}) before attaching" : $"bpftrace did not attach within {limit}") + Describe());
        }
        return this;
    }

    /// <summary>
    /// Waits until the output satisfies <paramref name="condition"/>. bpftrace prints events
    /// as it polls its ring buffers and may drop what is still unread when stopped, so wait
    /// for the lines of every fire before <see cref="Stop"/>. Throws with the output on timeout.
    /// </summary>
    public void WaitForOutput(Func<IReadOnlyList<string>, bool> condition, string what, TimeSpan? timeout = null)
    {
        Poll.Until(() => condition(Lines) || _process.HasExited, $"bpftrace printed {what}", timeout, Describe);
        if (!condition(Lines))
            throw new InvalidOperationException($"bpftrace exited ({_process.ExitCode}) before it printed {what}" + Describe());
    }

    /// <summary>Sends SIGINT, waits for bpftrace to print its maps and exit, and returns everything it printed.</summary>
    /// <remarks>
    /// bpftrace 0.17 notices SIGINT only when the signal interrupts its epoll_wait; one that
    /// lands while it is printing an event just sets a flag nobody reads. So SIGINT is sent
    /// again every half second for as long as bpftrace still catches it (SigCgt in
    /// /proc/PID/status); once its main loop is over it restores the default action, and
    /// from then on it is only waited for, so a late signal can never cut its map printing.
    /// </remarks>
    public IReadOnlyList<string> Stop(TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (!_process.HasExited)
        {
            if (CatchesSigint())
                Posix.Kill(_process.Id, Posix.SIGINT);
            if (_process.WaitForExit(TimeSpan.FromMilliseconds(500)))
                break;
            if (clock.Elapsed > limit)
            {
                _process.Kill();
                throw new TimeoutException($"bpftrace did not stop within {limit} of SIGINT; killed it." + Describe());
            }
        }
        _process.WaitForExit(); // drains the output readers
        return Lines;
    }

    private bool CatchesSigint()
    {
        try
        {
            foreach (string line in System.IO.File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("SigCgt:", StringComparison.Ordinal))
                    return (ulong.Parse(line[7..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (Posix.SIGINT - 1))) != 0;
            }
        }
        catch (System.IO.IOException)
        {
            // gone already
        }
        return false;
    }

    /// <summary>Stdout so far, each line decoded as UTF-8.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_stdout)
                return _stdout.ConvertAll(line => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(line)));
        }
    }

    /// <summary>Stdout so far, each line as the exact bytes bpftrace printed.</summary>
    public IReadOnlyList<byte[]> RawLines
    {
        get
        {
            lock (_stdout)
                return _stdout.ConvertAll(Encoding.Latin1.GetBytes);
        }
    }

    /// <summary>Stderr so far, without the RLIMIT_MEMLOCK warning bpftrace 0.17 prints on newer kernels.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_stderr)
                return _stderr.FindAll(line => !line.Contains("RLIMIT_MEMLOCK", StringComparison.Ordinal));
        }
    }

    private string Describe() => $"\nstdout:\n{string.Join('\n', Lines)}\nstderr:\n{string.Join('\n', Errors)}";

    public void Dispose()
    {
        StartedProcess.Kill(_process);
        _process.Dispose();
        _attached.Dispose();
    }

    [GeneratedRegex(@"^Attaching (\d+) probes?\.\.\.")]
    private static partial Regex AttachingPattern();
}
