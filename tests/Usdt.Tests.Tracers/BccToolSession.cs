using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Usdt.Tests.Tracers;

/// <summary>
/// A running bcc tool (<c>ucalls</c>, <c>uflow</c>, ...): attached once it prints its
/// "Tracing ..." line (bcc attaches every probe while building the BPF object, before it
/// prints), stopped with SIGINT sent to its own pid, as Ctrl+C stops it, so that
/// <c>ucalls</c> prints its table.
/// </summary>
public sealed class BccToolSession : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly ManualResetEventSlim _attached = new();

    private BccToolSession(Process process) => _process = process;

    /// <summary>Starts <paramref name="tool"/> (found on PATH) with <paramref name="arguments"/>.</summary>
    public static BccToolSession Start(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutableSearch.Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // Python buffers a pipe's output by the block; the flow must arrive line by line.
        start.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        var session = new BccToolSession(new Process { StartInfo = start, EnableRaisingEvents = true });
        session._process.OutputDataReceived += (_, e) => session.OnOutput(e.Data);
        session._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (session._stderr) session._stderr.Add(e.Data); };
        session._process.Exited += (_, _) => session._attached.Set();
        session._process.Start();
        session._process.StandardInput.Close();
        session._process.BeginOutputReadLine();
        session._process.BeginErrorReadLine();
        return session;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
            return;
        lock (_stdout)
            _stdout.Add(line);
        if (line.StartsWith("Tracing ", StringComparison.Ordinal))
            _attached.Set();
    }

    /// <summary>Waits for the "Tracing ..." line (compiling takes bcc seconds); throws with the tool's output if it exits first.</summary>
    public BccToolSession WaitUntilAttached(TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(2);
        _attached.Wait(limit);
        if (_process.HasExited || !_attached.IsSet)
        {
            if (_process.HasExited)
                _process.WaitForExit();
            throw new InvalidOperationException(
                (_process.HasExited ? $"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before attaching" : $"not attached within {limit}") + Describe());
        }
        return this;
    }

    /// <summary>Waits until the output satisfies <paramref name="condition"/>; throws with the output when it does not in time.</summary>
    public void WaitForOutput(Func<IReadOnlyList<string>, bool> condition, string what, TimeSpan? timeout = null) =>
        Poll.Until(() => condition(Lines), $"{_process.StartInfo.FileName} printed {what}", timeout, Describe);

    /// <summary>Sends SIGINT (Ctrl+C), waits for the tool to print what it prints at exit, and returns all its output.</summary>
    public IReadOnlyList<string> Stop(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
            Posix.Kill(_process.Id, Posix.SIGINT);
        if (!_process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            _process.Kill();
            throw new TimeoutException($"{_process.StartInfo.FileName} did not stop on SIGINT; killed it." + Describe());
        }
        _process.WaitForExit(); // drains the output readers
        return Lines;
    }

    /// <summary>Stdout so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_stdout)
                return _stdout.ToArray();
        }
    }

    /// <summary>Stderr so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_stderr)
                return _stderr.ToArray();
        }
    }

    private string Describe() => $"\nstdout:\n{string.Join('\n', Lines)}\nstderr:\n{string.Join('\n', Errors)}";

    public void Dispose()
    {
        StartedProcess.Kill(_process);
        _process.Dispose();
        _attached.Dispose();
    }
}
