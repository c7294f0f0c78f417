using System;
using DotnetUsdt.Cli;
using Xunit;

namespace DotnetUsdt.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void ListTakesATargetAndJson()
    {
        ParsedCommand command = CommandLine.Parse(["list", "1234", "--json"]);

        Assert.Equal("list", command.Verb);
        Assert.Equal(new ListOptions("1234", Json: true), command.List);
    }

    [Fact]
    public void TraceTakesAProcessPatternsDurationAndTracer()
    {
        TracingOptions options = CommandLine.Parse(["trace", "-p", "42", "OrderService.*", "*Async", "--duration", "2.5", "--tracer", "tracefs"]).Tracing!;

        Assert.Equal(42, options.ProcessId);
        Assert.Null(options.LibraryPath);
        Assert.Equal(["OrderService.*", "*Async"], options.Patterns);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Duration);
        Assert.Equal(TracerChoice.Tracefs, options.Tracer);
        Assert.False(options.ScriptOnly);
    }

    [Fact]
    public void StatTakesALibraryPathScriptAndJson()
    {
        TracingOptions options = CommandLine.Parse(["stat", "--path", "/x/Shop.usdt.x64.so", "*", "--script", "--json"]).Tracing!;

        Assert.Equal("/x/Shop.usdt.x64.so", options.LibraryPath);
        Assert.True(options.ScriptOnly);
        Assert.True(options.Json);
    }

    [Theory]
    [InlineData("trace OrderService.*", "either -p PID or --path")]
    [InlineData("trace -p 1 --path /x.so *", "either -p PID or --path")]
    [InlineData("trace -p 1", "name the methods to trace")]
    [InlineData("trace -p abc *", "takes a process id, not 'abc'")]
    [InlineData("stat -p 1 * --duration soon", "takes a number of seconds")]
    [InlineData("trace -p 1 * --json", "unknown option '--json'")]
    [InlineData("trace -p 1 * --tracer perf", "--tracer is auto, bpftrace or tracefs")]
    [InlineData("trace -p 1 * --tracer tracefs --script", "--script prints a bpftrace program")]
    [InlineData("list", "name a process id")]
    [InlineData("list 1 2", "list takes one target")]
    [InlineData("follow 1", "unknown command 'follow'")]
    [InlineData("trace -p", "-p needs a value")]
    public void MistakesSayWhatIsWrongAndShowTheUsage(string line, string message)
    {
        ToolFailure failure = Assert.Throws<ToolFailure>(() => CommandLine.Parse(line.Split(' ')));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Contains(message, failure.Message);
        Assert.Contains("Usage:", failure.Message);
    }

    [Fact]
    public void NoArgumentsIsHelp() => Assert.Equal("help", CommandLine.Parse([]).Verb);
}
