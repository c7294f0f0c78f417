using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests;

/// <summary>A running sample shop: started by the test, stopped by its own pid.</summary>
internal sealed partial class ShopProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly ManualResetEventSlim _running = new();

    private ShopProcess(Process process) => _process = process;

    private const int Sigterm = 15;

    public int ProcessId => _process.Id;

    /// <summary>The generated probe library, as the shop reported it.</summary>
    public string LibraryPath { get; private set; } = "";

    /// <summary>Starts the shop with <c>--log-orders</c>, so the tests can wait on its progress (<see cref="Orders"/>).</summary>
    public static ShopProcess Start(string[] command, params string[] arguments) =>
        Start(command, new Dictionary<string, string>(), arguments);

    /// <summary>Starts the shop with <c>--log-orders</c> and <paramref name="environment"/> added to its environment.</summary>
    public static ShopProcess Start(string[] command, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        arguments = ["--log-orders", .. arguments];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment)
            start.Environment[name] = value;
        foreach (string argument in command.Skip(1).Concat(arguments))
            start.ArgumentList.Add(argument);
        var shop = new ShopProcess(new Process { StartInfo = start });
        shop._process.OutputDataReceived += (_, e) => shop.OnLine(e.Data);
        shop._process.ErrorDataReceived += (_, e) => shop.OnLine(e.Data);
        shop._process.Start();
        shop._process.StandardInput.Close();
        shop._process.BeginOutputReadLine();
        shop._process.BeginErrorReadLine();
        if (!shop._running.Wait(TimeSpan.FromSeconds(30)))
        {
            shop.Dispose();
            throw new TimeoutException("the shop did not start:\n" + string.Join('\n', shop.Output));
        }
        return shop;
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
        if (LibraryPattern().Match(line) is { Success: true } library)
            LibraryPath = library.Groups[1].Value;
        if (line.StartsWith("shop running as pid", StringComparison.Ordinal))
            _running.Set();
        if (line.StartsWith("order ", StringComparison.Ordinal))
            Interlocked.Increment(ref _orders);
    }

    private int _orders;

    /// <summary>Orders the shop has completed so far.</summary>
    public int Orders => Volatile.Read(ref _orders);

    /// <summary>Waits until the shop completed <paramref name="count"/> more orders than it had when called.</summary>
    public void WaitForMoreOrders(int count, TimeSpan? timeout = null)
    {
        int target = Orders + count;
        Poll.Until(() => Orders >= target || _process.HasExited, $"the shop completed {count} more orders", timeout ?? TimeSpan.FromSeconds(30));
    }

    public IReadOnlyList<string> Output
    {
        get { lock (_output) return _output.ToList(); }
    }

    /// <summary>The customer of each order the shop logged (<c>order 1000: ...</c>), in order.</summary>
    public IReadOnlyList<long> LoggedCustomers =>
        Output.Where(line => line.StartsWith("order ", StringComparison.Ordinal))
            .Select(line => long.Parse(line[6..line.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The exit code, once <see cref="WaitForExit"/> or <see cref="Stop"/> returned.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for a shop started with <c>--orders N</c> to finish; returns everything it printed.</summary>
    public IReadOnlyList<string> WaitForExit(TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(60);
        if (!_process.WaitForExit(limit))
            throw new TimeoutException($"the shop did not finish within {limit}:\n" + string.Join('\n', Output));
        _process.WaitForExit(); // drains the output readers
        return Output;
    }

    /// <summary>SIGTERM, as a service manager stops it; returns everything it printed.</summary>
    public IReadOnlyList<string> Stop()
    {
        if (!_process.HasExited)
            Posix.Kill(_process.Id, Sigterm);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            throw new TimeoutException("the shop did not stop on SIGTERM");
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
        _running.Dispose();
    }

    // "probes: Shop.Sample: 24 probes in /tmp/usdt-0/usdt-...-Shop.Sample.so"
    [GeneratedRegex(@"^probes: \S+: \d+ probes in (\S+)")]
    private static partial Regex LibraryPattern();
}
