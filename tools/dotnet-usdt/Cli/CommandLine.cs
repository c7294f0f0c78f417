using System;
using System.Collections.Generic;
using System.Globalization;

namespace DotnetUsdt.Cli;

/// <summary>Parses the command line into one command's options; a mistake throws <see cref="ToolFailure"/> with a usage message.</summary>
internal static class CommandLine
{
    public static ParsedCommand Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
            return new ParsedCommand("help", null, null);
        string verb = args[0];
        var rest = new Queue<string>(args);
        rest.Dequeue();
        return verb switch
        {
            "list" => new ParsedCommand(verb, ParseList(rest), null),
            "trace" or "stat" => new ParsedCommand(verb, null, ParseTracing(verb, rest)),
            _ => throw Fail($"unknown command '{verb}'"),
        };
    }

    private static ListOptions ParseList(Queue<string> args)
    {
        string? target = null;
        bool json = false;
        while (args.Count > 0)
        {
            string arg = args.Dequeue();
            switch (arg)
            {
                case "--json": json = true; break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                        throw Fail($"list: unknown option '{arg}'");
                    if (target is not null)
                        throw Fail($"list takes one target, got '{target}' and '{arg}'");
                    target = arg;
                    break;
            }
        }
        return new ListOptions(target ?? throw Fail("list: name a process id, a woven assembly (.dll) or a probe library (.so)"), json);
    }

    private static TracingOptions ParseTracing(string verb, Queue<string> args)
    {
        int? pid = null;
        string? path = null;
        TimeSpan? duration = null;
        bool script = false, json = false;
        TracerChoice tracer = TracerChoice.Auto;
        var patterns = new List<string>();
        while (args.Count > 0)
        {
            string arg = args.Dequeue();
            switch (arg)
            {
                case "-p" or "--pid":
                    string value = Value(verb, arg, args);
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed <= 0)
                        throw Fail($"{verb}: {arg} takes a process id, not '{value}'");
                    pid = parsed;
                    break;
                case "--path":
                    path = Value(verb, arg, args);
                    break;
                case "--duration" or "-d":
                    string seconds = Value(verb, arg, args).TrimEnd('s');
                    if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || s <= 0 || s > 86400 * 7)
                        throw Fail($"{verb}: {arg} takes a number of seconds, not '{seconds}'");
                    duration = TimeSpan.FromSeconds(s);
                    break;
                case "--script":
                    script = true;
                    break;
                case "--json" when verb == "stat":
                    json = true;
                    break;
                case "--tracer":
                    string name = Value(verb, arg, args);
                    tracer = name switch
                    {
                        "auto" => TracerChoice.Auto,
                        "bpftrace" => TracerChoice.Bpftrace,
                        "tracefs" => TracerChoice.Tracefs,
                        _ => throw Fail($"{verb}: --tracer is auto, bpftrace or tracefs, not '{name}'"),
                    };
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                        throw Fail($"{verb}: unknown option '{arg}'");
                    patterns.Add(arg);
                    break;
            }
        }
        if (pid is null == path is null)
            throw Fail($"{verb}: give either -p PID or --path LIBRARY");
        if (patterns.Count == 0)
            throw Fail($"{verb}: name the methods to trace, e.g. 'OrderService.*' or '*Async' ('*' for every probe)");
        if (script && tracer == TracerChoice.Tracefs)
            throw Fail($"{verb}: --script prints a bpftrace program; it cannot go with --tracer tracefs");
        return new TracingOptions(pid, path, patterns, duration, script, tracer, json);
    }

    private static string Value(string verb, string option, Queue<string> args) =>
        args.Count > 0 ? args.Dequeue() : throw Fail($"{verb}: {option} needs a value");

    private static ToolFailure Fail(string message) =>
        new($"{message}\n\n{Usage.Text}", ExitCodes.Usage);
}
