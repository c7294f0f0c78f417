using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests.Tool;

/// <summary>
/// A woven app that registers its probes, says it is waiting, and makes its calls only when
/// told to on standard input, so a tracer attaches first and sees every call exactly once.
/// </summary>
internal sealed class WaitingApp : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private WaitingApp(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <param name="command">The program and its arguments.</param>
    /// <param name="waitingLine">The line the app prints once it waits for input.</param>
    public static WaitingApp Start(string[] command, string waitingLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var app = new WaitingApp(new Process { StartInfo = start });
        app._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.Add(e.Data); };
        app._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.Add(e.Data); };
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            Poll.Until(() => app.Output.Contains(waitingLine) || app._process.HasExited, $"the app printed '{waitingLine}'", TimeSpan.FromSeconds(60),
                () => "\n" + string.Join('\n', app.Output));
            if (app._process.HasExited)
                throw new InvalidOperationException($"the app exited ({app._process.ExitCode}):\n{string.Join('\n', app.Output)}");
        }
        catch
        {
            app.Dispose();
            throw;
        }
        return app;
    }

    public IReadOnlyList<string> Output { get { lock (_output) return _output.ToList(); } }

    /// <summary>Writes one line to the app's standard input.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Closes standard input and waits for the app to end.</summary>
    public IReadOnlyList<string> Finish(TimeSpan? timeout = null)
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
            throw new TimeoutException("the app did not finish:\n" + string.Join('\n', Output));
        _process.WaitForExit();
        return Output;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
