using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Usdt.Tests.Host;

/// <summary>
/// Reads one command per line from stdin and answers each with one JSON line on stdout:
/// <code>
///   register PROVIDER STRINGLIMIT PROBE:CODES ...   -> {"active","placement","path","reason","probes":[{"semaphore","stub"}]}
///   fire INDEX COUNT TOKEN ...                      -> {"fired":COUNT}   (tokens: see ArgumentTokens)
///   enabled INDEX                                   -> {"enabled":BOOL}
///   keep-running-on SIGNAL                          -> {"handler":SIGNAL}  (a handler that cancels SIGNAL: 1, 2 or 15)
///   exit                                            -> {"exit":true}, then a normal exit (as does end of input)
/// </code>
/// Probes are numbered in the order they were registered, across providers. Started as
/// <c>first-thing ...</c> instead, it registers a built library and exits (<see cref="FirstThing"/>).
/// </summary>
internal static class Program
{
    private static readonly List<Probe> s_probes = [];

    // Only these two calls: compiling Main must load nothing the first-thing case would then
    // count as the registration's.
    private static int Main(string[] args) =>
        args.Length > 0 && args[0] == "first-thing" ? FirstThing.Run(args) : Serve();

    private static int Serve()
    {
        while (Console.ReadLine() is { } line)
        {
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            object reply;
            try
            {
                reply = words[0] switch
                {
                    "register" => Register(words),
                    "fire" => Fire(words),
                    "enabled" => new { enabled = s_probes[int.Parse(words[1])].IsEnabled },
                    "keep-running-on" => KeepRunningOn(int.Parse(words[1])),
                    "exit" => new { exit = true },
                    _ => new { error = $"unknown command '{words[0]}'" },
                };
            }
            catch (Exception e)
            {
                reply = new { error = e.ToString() };
            }
            Console.WriteLine(JsonSerializer.Serialize(reply));
            Console.Out.Flush();
            if (words[0] == "exit")
                break;
        }
        return 0;
    }

    private static object Register(string[] words)
    {
        var provider = new UsdtProvider(words[1]) { StringLimit = int.Parse(words[2]) };
        var added = new List<Probe>();
        foreach (string probe in words[3..])
        {
            string[] parts = probe.Split(':');
            added.Add(provider.AddProbe(parts[0], ArgumentCodes.Parse(parts.Length > 1 ? parts[1] : "")));
        }
        ProbeRegistration registration = provider.Register();
        s_probes.AddRange(added);
        return new
        {
            active = registration.IsActive,
            placement = registration.Placement.ToString(),
            path = registration.LibraryPath,
            reason = registration.Reason,
            first = s_probes.Count - added.Count,
            probes = added.ConvertAll(p => new { semaphore = (long)p.SemaphoreAddress, stub = (long)p.StubAddress }),
        };
    }

    private static readonly List<PosixSignalRegistration> s_handlers = [];

    /// <summary>What an application that handles SIGTERM itself does (a generic host, a server): cancel it and go on.</summary>
    private static object KeepRunningOn(int signal)
    {
        PosixSignal which = signal switch
        {
            1 => PosixSignal.SIGHUP,
            2 => PosixSignal.SIGINT,
            15 => PosixSignal.SIGTERM,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "1, 2 or 15"),
        };
        s_handlers.Add(PosixSignalRegistration.Create(which, context =>
        {
            context.Cancel = true;
            Console.Error.WriteLine($"host: cancelled signal {signal}");
        }));
        return new { handler = signal };
    }

    private static object Fire(string[] words)
    {
        Probe probe = s_probes[int.Parse(words[1])];
        int count = int.Parse(words[2]);
        ProbeArgument[] arguments = ArgumentTokens.Parse(words[3..]);
        for (int i = 0; i < count; i++)
            probe.Fire(arguments);
        return new { fired = count };
    }
}
