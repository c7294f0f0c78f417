using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Fody.Tests.Injection;

/// <summary>
/// With real uprobes attached (tracefs, in an instance of our own), representative woven
/// methods emit entry and return events carrying the right arguments, return values,
/// exception names and elapsed times, and exactly one return event per call.
/// </summary>
[Collection(TracerCollection.Name)]
public sealed class TracedFunctionTests
{
    private const string Calculator = "AssemblyToProcess.Shapes.Calculator";
    private const string ControlFlow = "AssemblyToProcess.Shapes.ControlFlow";

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void EntryAndReturnCarryArgumentsResultAndElapsedTime(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        object calculator = Activator.CreateInstance(woven.Type(Calculator))!;
        using var traced = new TracedProbes(woven, Traced.Provider, "Calculator__Add__entry", "Calculator__Add__return");

        for (int i = 0; i < 3; i++)
            Assert.Equal(40 + i, LoadedWoven.InvokeOn(woven.Type(Calculator), calculator, "Add", 2, 38 + i));

        IReadOnlyList<TraceRecord> entries = traced.Expect("Calculator__Add__entry", 3);
        IReadOnlyList<TraceRecord> returns = traced.Expect("Calculator__Add__return", 3);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(2, entries[i].Arg(0));
            Assert.Equal(38 + i, entries[i].Arg(1));
            Assert.Equal(40 + i, returns[i].Arg(0));
            Assert.InRange(returns[i].ElapsedNanoseconds(), 1, 1_000_000_000);
            Assert.Null(returns[i].ExceptionName());
        }
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void StringArgumentsAndResultsArriveAsUtf8(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        object calculator = Activator.CreateInstance(woven.Type(Calculator))!;
        using var traced = new TracedProbes(woven, Traced.Provider, "Calculator__Greet__entry", "Calculator__Greet__return");

        LoadedWoven.InvokeOn(woven.Type(Calculator), calculator, "Greet", "wörld ✓");
        LoadedWoven.InvokeOn(woven.Type(Calculator), calculator, "Greet", [null]);

        IReadOnlyList<TraceRecord> entries = traced.Expect("Calculator__Greet__entry", 2);
        IReadOnlyList<TraceRecord> returns = traced.Expect("Calculator__Greet__return", 2);
        Assert.Equal("wörld ✓", entries[0].Text(0));
        Assert.Equal("hello wörld ✓", returns[0].Text(0));
        Assert.Null(entries[1].Text(0));
        Assert.Equal("hello ", returns[1].Text(0));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void AnExceptionLeavingTheMethodIsNamedInItsSingleReturnEvent(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        object calculator = Activator.CreateInstance(woven.Type(Calculator))!;
        using var traced = new TracedProbes(woven, Traced.Provider, "Calculator__Divide__entry", "Calculator__Divide__return");

        Assert.Throws<DivideByZeroException>(() => LoadedWoven.InvokeOn(woven.Type(Calculator), calculator, "Divide", 1, 0));
        Assert.Equal(3, LoadedWoven.InvokeOn(woven.Type(Calculator), calculator, "Divide", 7, 2));

        traced.Expect("Calculator__Divide__entry", 2);
        IReadOnlyList<TraceRecord> returns = traced.Expect("Calculator__Divide__return", 2);
        Assert.Equal(0, returns[0].Arg(0));
        Assert.Equal("System.DivideByZeroException", returns[0].ExceptionName());
        Assert.Equal(3, returns[1].Arg(0));
        Assert.Null(returns[1].ExceptionName());
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void ElapsedTimeCoversWhatTheMethodWaitedFor(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        object calculator = Activator.CreateInstance(woven.Type(Calculator))!;
        using var traced = new TracedProbes(woven, Traced.Provider, "Calculator__Sleep__return");

        LoadedWoven.InvokeOn(woven.Type(Calculator), calculator, "Sleep", 20);

        TraceRecord done = traced.Expect("Calculator__Sleep__return", 1)[0];
        Assert.Equal(20, done.Arg(0));
        Assert.InRange(done.ElapsedNanoseconds(), 20_000_000, 2_000_000_000);
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void ExceptionsThroughFinallyBlocksGiveExactlyOneReturnPerCall(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        Type type = woven.Type(ControlFlow);
        object flow = Activator.CreateInstance(type)!;
        string[] probes = ["ControlFlow__ThrowThroughFinally__return", "ControlFlow__ReplacedInFinally__return", "ControlFlow__ReplacedThenCaught__return",
            "ControlFlow__NestedTry__return", "ControlFlow__Rethrow__return", "ControlFlow__UserFilter__return", "ControlFlow__Locked__return"];
        using var traced = new TracedProbes(woven, Traced.Provider, probes);

        Assert.Throws<FormatException>(() => LoadedWoven.InvokeOn(type, flow, "ThrowThroughFinally", 5));
        Assert.Equal(0, LoadedWoven.InvokeOn(type, flow, "ThrowThroughFinally", 0));
        Assert.Throws<NotSupportedException>(() => LoadedWoven.InvokeOn(type, flow, "ReplacedInFinally", 1));
        Assert.Throws<InvalidOperationException>(() => LoadedWoven.InvokeOn(type, flow, "ReplacedInFinally", 0));
        Assert.Equal("second 1".Length, LoadedWoven.InvokeOn(type, flow, "ReplacedThenCaught", 1));
        Assert.Equal("outer".Length, LoadedWoven.InvokeOn(type, flow, "NestedTry", 1));
        Assert.Equal(4, LoadedWoven.InvokeOn(type, flow, "NestedTry", 4));
        Assert.Throws<FormatException>(() => LoadedWoven.InvokeOn(type, flow, "Rethrow", "x"));
        Assert.Throws<OverflowException>(() => LoadedWoven.InvokeOn(type, flow, "UserFilter", 1));
        Assert.Equal(5, LoadedWoven.InvokeOn(type, flow, "UserFilter", 6));
        Assert.Throws<ArgumentException>(() => LoadedWoven.InvokeOn(type, flow, "Locked", -1));

        IReadOnlyList<TraceRecord> throughFinally = traced.Expect("ControlFlow__ThrowThroughFinally__return", 2);
        Assert.Equal("System.FormatException", throughFinally[0].ExceptionName());
        Assert.Null(throughFinally[1].ExceptionName());
        IReadOnlyList<TraceRecord> replaced = traced.Expect("ControlFlow__ReplacedInFinally__return", 2);
        Assert.Equal("System.NotSupportedException", replaced[0].ExceptionName());
        Assert.Equal("System.InvalidOperationException", replaced[1].ExceptionName());
        TraceRecord caught = traced.Expect("ControlFlow__ReplacedThenCaught__return", 1)[0];
        Assert.Null(caught.ExceptionName());
        Assert.Equal("second 1".Length, caught.Arg(0));
        IReadOnlyList<TraceRecord> nested = traced.Expect("ControlFlow__NestedTry__return", 2);
        Assert.All(nested, r => Assert.Null(r.ExceptionName()));
        Assert.Equal("System.FormatException", traced.Expect("ControlFlow__Rethrow__return", 1)[0].ExceptionName());
        IReadOnlyList<TraceRecord> filtered = traced.Expect("ControlFlow__UserFilter__return", 2);
        Assert.Equal("System.OverflowException", filtered[0].ExceptionName());
        Assert.Equal(5, filtered[1].Arg(0));
        Assert.Equal("System.ArgumentException", traced.Expect("ControlFlow__Locked__return", 1)[0].ExceptionName());
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void ConcurrentCallsGiveOneEntryAndOneReturnEach(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        Type type = woven.Type(Calculator);
        using var traced = new TracedProbes(woven, Traced.Provider, "Calculator__Add__entry", "Calculator__Add__return");

        Parallel.For(0, 4, worker =>
        {
            object calculator = Activator.CreateInstance(type)!;
            for (int i = 0; i < 1000; i++)
                LoadedWoven.InvokeOn(type, calculator, "Add", worker, i);
        });

        Assert.Equal(0, traced.LostEvents());
        IReadOnlyList<TraceRecord> entries = traced.Expect("Calculator__Add__entry", 4000);
        IReadOnlyList<TraceRecord> returns = traced.Expect("Calculator__Add__return", 4000);
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(w => Enumerable.Range(0, 1000).Select(i => w + i)).Order(), returns.Select(r => (int)r.Arg(0)).Order());
        Assert.Equal(4 * 999 * 1000 / 2, entries.Sum(e => e.Arg(1)));
    }

    internal static LoadedWoven Woven(BuildConfiguration configuration)
    {
        Requires.Met(TracedProbes.Unavailable);
        return WovenAssemblies.Loaded(configuration);
    }
}
