namespace DotnetUsdt.Cli;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        dotnet-usdt: list and trace the USDT probes Usdt.Fody weaves into .NET code.

        Usage:
          dotnet-usdt list <pid | assembly.dll | library.so> [--json]
          dotnet-usdt trace (-p PID | --path LIB) <pattern>... [--duration SECONDS] [--script] [--tracer auto|bpftrace|tracefs]
          dotnet-usdt stat  (-p PID | --path LIB) <pattern>... [--duration SECONDS] [--json] [--script] [--tracer auto|bpftrace|tracefs]

        list    every probe: provider:name, the .NET member, each argument's name and type,
                the library path to give a tracer, and for a process which probes are traced now.
        trace   one line per call and return, arguments formatted by their .NET types,
                indented per thread; Ctrl+C or --duration stops it.
        stat    per method: calls, errors, latency histogram and percentiles.

        Patterns match .NET member names: 'OrderService.*', '*Async', 'Shop.Services.*.Get*',
        or a probe name ('shop:OrderPlaced'); '*' selects every probe.
        -p PID       trace that process (attached by library path, filtered to the process)
        --path LIB   trace every process using LIB (a probe library, or a woven assembly beside its library)
        --script     print the bpftrace program instead of running it
        --tracer     bpftrace (default up to 100 probes) or tracefs uprobe events (faster to attach thousands)

        Tracing needs root; bpftrace 0.17 or later for the bpftrace tracer.
        """;
}
