using System;
using System.Collections.Generic;

namespace DotnetUsdt.Cli;

/// <summary><c>list TARGET [--json]</c>.</summary>
internal sealed record ListOptions(string Target, bool Json);

/// <summary>What <c>trace</c> and <c>stat</c> share: where the probes are, which ones, for how long, with what.</summary>
internal sealed record TracingOptions(
    int? ProcessId,
    string? LibraryPath,
    IReadOnlyList<string> Patterns,
    TimeSpan? Duration,
    bool ScriptOnly,
    TracerChoice Tracer,
    bool Json);

/// <summary>The command and its options: <c>help</c>, <c>list</c> (<see cref="List"/>), <c>trace</c> or <c>stat</c> (<see cref="Tracing"/>).</summary>
internal sealed record ParsedCommand(string Verb, ListOptions? List, TracingOptions? Tracing);
