using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Usdt.Tests.Tracers;

namespace Usdt.Tests;

/// <summary>
/// The Usdt.Tests.Host helper process: its own environment variables, its own exit, its
/// own pid for <c>bpftrace -p</c>. Driven one command per line (see the host's Program);
/// stopped by its own pid only.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private HostProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the host printed to stderr so far (the runtime's opt-in diagnostics go there).</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>
    /// Starts the host with the test process's environment less every USDT_* variable, plus
    /// <paramref name="environment"/>; through <paramref name="launcher"/> when given (a
    /// command that runs the host as its last arguments: <c>unshare ...</c>, <c>sh -c '... exec "$@"' sh</c>).
    /// </summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? launcher = null)
    {
        string dll = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "UsdtTestsHost").Value!;
        if (!File.Exists(dll))
            throw new FileNotFoundException($"the test host is not built at {dll}", dll);
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher is { Count: > 0 })
        {
            foreach (string argument in launcher.Skip(1))
                start.ArgumentList.Add(argument);
            start.ArgumentList.Add(dotnet);
        }
        start.ArgumentList.Add(dll);
        foreach (string name in new List<string>(start.Environment.Keys))
        {
            if (name.StartsWith("USDT_", StringComparison.Ordinal))
                start.Environment.Remove(name);
        }
        if (environment is not null)
        {
            foreach ((string name, string value) in environment)
                start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the test host");
        var host = new HostProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (host._stderr) host._stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Sends one command and returns its JSON answer; throws on an error answer or after <paramref name="timeout"/>.</summary>
    public JsonElement Send(string command, TimeSpan? timeout = null)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(timeout ?? TimeSpan.FromSeconds(30)) || line.Result is null)
            throw new InvalidOperationException($"the host did not answer '{command}'\nstderr:\n{Stderr}");
        JsonElement answer = JsonDocument.Parse(line.Result).RootElement;
        if (answer.TryGetProperty("error", out JsonElement error))
            throw new InvalidOperationException($"the host failed '{command}': {error.GetString()}");
        return answer;
    }

    /// <summary>Registers a provider in the host; each probe is <c>name:codes</c> (see the host's ArgumentCodes).</summary>
    public HostRegistration Register(string provider, params string[] probes) => Register(provider, ProbeLimits.DefaultStringLimit, probes);

    public HostRegistration Register(string provider, int stringLimit, params string[] probes)
    {
        JsonElement answer = Send($"register {provider} {stringLimit} {string.Join(' ', probes)}");
        return new HostRegistration(
            answer.GetProperty("active").GetBoolean(),
            Enum.Parse<ProbePlacement>(answer.GetProperty("placement").GetString()!),
            answer.GetProperty("path").GetString(),
            answer.GetProperty("reason").GetString(),
            answer.GetProperty("first").GetInt32());
    }

    /// <summary>Fires host probe <paramref name="index"/> <paramref name="count"/> times with arguments made by <see cref="HostArguments"/>.</summary>
    public void Fire(int index, int count, params string[] arguments) =>
        Send($"fire {index} {count} {string.Join(' ', arguments)}");

    public bool IsEnabled(int index) => Send($"enabled {index}").GetProperty("enabled").GetBoolean();

    /// <summary>Has the host register a handler that cancels <paramref name="signal"/>, as a server that handles SIGTERM itself does.</summary>
    public void KeepRunningOn(int signal) => Send($"keep-running-on {signal}");

    /// <summary>Sends <paramref name="signal"/> to the host's pid without waiting for anything.</summary>
    public void Raise(int signal) => Posix.Kill(_process.Id, signal);

    /// <summary>Asks the host to return from Main (so exit handlers run) and waits for it.</summary>
    public int Exit()
    {
        Send("exit");
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("the host did not exit");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> to the host's pid and waits for it to end; returns its exit code.</summary>
    public int Signal(int signal)
    {
        Posix.Kill(_process.Id, signal);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            throw new TimeoutException($"the host did not end on signal {signal}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the host's pid, and wait until it is reaped (a zombie still has its /proc entry).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
