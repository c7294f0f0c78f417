using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests.Tool;

/// <summary>
/// A running <c>dotnet-usdt trace</c> or <c>stat</c>: its output kept line by line, attached
/// once it says so, stopped with SIGINT to its own pid as Ctrl+C would, never by name.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    private const string AttachedLine = "dotnet-usdt: attached;";
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private ToolProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public static ToolProcess Start(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        var tool = new ToolProcess(new Process { StartInfo = start });
        tool._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (tool._stdout) tool._stdout.Add(e.Data); };
        tool._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (tool._stderr) tool._stderr.Add(e.Data); };
        tool._process.Start();
        tool._process.StandardInput.Close();
        tool._process.BeginOutputReadLine();
        tool._process.BeginErrorReadLine();
        return tool;
    }

    public IReadOnlyList<string> Lines { get { lock (_stdout) return _stdout.ToList(); } }

    public IReadOnlyList<string> Errors { get { lock (_stderr) return _stderr.ToList(); } }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits until every probe is attached; throws with the tool's output when it exits first.</summary>
    public ToolProcess WaitUntilAttached(TimeSpan? timeout = null)
    {
        Poll.Until(() => Errors.Any(l => l.StartsWith(AttachedLine, StringComparison.Ordinal)) || _process.HasExited,
            "dotnet-usdt attached", timeout ?? TimeSpan.FromSeconds(60), Describe);
        if (!Errors.Any(l => l.StartsWith(AttachedLine, StringComparison.Ordinal)))
        {
            _process.WaitForExit();
            throw new InvalidOperationException($"dotnet-usdt exited ({_process.ExitCode}) before attaching{Describe()}");
        }
        return this;
    }

    /// <summary>Waits until the output satisfies <paramref name="condition"/>.</summary>
    public void WaitForOutput(Func<IReadOnlyList<string>, bool> condition, string what, TimeSpan? timeout = null) =>
        Poll.Until(() => condition(Lines), $"dotnet-usdt printed {what}", timeout ?? TimeSpan.FromSeconds(30), Describe);

    /// <summary>SIGINT, as Ctrl+C; waits for the tool to clean up and exit.</summary>
    public ToolProcess Interrupt(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
            Posix.Kill(_process.Id, Posix.SIGINT);
        return WaitForExit(timeout);
    }

    public ToolProcess WaitForExit(TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(60);
        if (!_process.WaitForExit(limit))
            throw new TimeoutException($"dotnet-usdt did not exit within {limit}{Describe()}");
        _process.WaitForExit(); // drains the output readers
        return this;
    }

    public string Describe() => $"\nstdout:\n{string.Join('\n', Lines)}\nstderr:\n{string.Join('\n', Errors)}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // Ctrl+C first, so the tool removes what it added to the kernel; a kill only if that fails.
            Posix.Kill(_process.Id, Posix.SIGINT);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
