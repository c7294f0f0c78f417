using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests;

/// <summary>
/// A running integration/FlowApp: it runs rounds of its checkout flow when told to
/// (<see cref="RunRounds"/>), so a tracer attached beforehand sees an exact number of calls.
/// </summary>
internal sealed class FlowProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private FlowProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>Calls of each woven method in one round, by <c>Class.Method</c> (see integration/FlowApp/App/Checkout.cs).</summary>
    public static IReadOnlyDictionary<string, int> CallsPerRound { get; } = new Dictionary<string, int>
    {
        ["Flow.Checkout.Run"] = 1,
        ["Flow.Cart.Total"] = 1,
        ["Flow.Cart.PriceOf"] = 3,
        ["Flow.Checkout.Record"] = 1,
        ["Flow.Checkout.ConfirmAsync"] = 1,
    };

    /// <summary>One round's calls in order, as <c>(depth, Class.Method)</c> of each entry.</summary>
    public static IReadOnlyList<(int Depth, string Method)> RoundFlow { get; } =
    [
        (0, "Flow.Checkout.Run"),
        (1, "Flow.Cart.Total"),
        (2, "Flow.Cart.PriceOf"),
        (2, "Flow.Cart.PriceOf"),
        (2, "Flow.Cart.PriceOf"),
        (1, "Flow.Checkout.Record"),
        (1, "Flow.Checkout.ConfirmAsync"),
    ];

    /// <summary>
    /// Starts the app from <paramref name="directory"/> and runs one round, so that static
    /// constructors and first calls are behind it when a tracer attaches.
    /// </summary>
    public static FlowProcess Start(string directory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "Flow.App.dll"));
        var flow = new FlowProcess(new Process { StartInfo = start });
        flow._process.OutputDataReceived += (_, e) => flow.OnLine(e.Data);
        flow._process.ErrorDataReceived += (_, e) => flow.OnLine(e.Data);
        flow._process.Start();
        flow._process.BeginOutputReadLine();
        flow._process.BeginErrorReadLine();
        flow.WaitFor(line => line.StartsWith("flow running as pid", StringComparison.Ordinal), "start");
        flow.RunRounds(1);
        return flow;
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    /// <summary>Runs <paramref name="rounds"/> rounds and waits until the app says it has.</summary>
    public void RunRounds(int rounds)
    {
        string done = $"ran {rounds.ToString(CultureInfo.InvariantCulture)} in ";
        int seen = Count(done);
        _process.StandardInput.WriteLine($"run {rounds.ToString(CultureInfo.InvariantCulture)}");
        _process.StandardInput.Flush();
        Poll.Until(() => Count(done) > seen, $"the flow app ran {rounds} rounds", TimeSpan.FromSeconds(60), Describe);
    }

    private int Count(string prefix)
    {
        lock (_output)
            return _output.FindAll(l => l.StartsWith(prefix, StringComparison.Ordinal)).Count;
    }

    private void WaitFor(Predicate<string> line, string what)
    {
        Poll.Until(() => { lock (_output) return _output.Exists(line); }, $"the flow app's {what}", TimeSpan.FromSeconds(30), Describe);
    }

    private string Describe()
    {
        lock (_output)
            return "\nflow app output:\n" + string.Join('\n', _output);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close(); // end of input ends the app
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // never started, or gone already
        }
        StartedProcess.Kill(_process);
        _process.Dispose();
    }
}
