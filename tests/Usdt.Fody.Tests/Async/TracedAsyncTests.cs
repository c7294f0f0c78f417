using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Fody.Tests.Async;

/// <summary>
/// Async methods under a real tracer: entry at the call, one return when the
/// operation completes, with its result, the elapsed time of the whole operation, and the
/// exception that faulted or cancelled it; class state machines (Debug) and struct ones (Release).
/// </summary>
[Collection(TracerCollection.Name)]
public sealed class TracedAsyncTests
{
    private const string Work = "AssemblyToProcess.Async.AsyncWork";

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void AThousandConcurrentCallsGiveAThousandEntriesAndReturnsCoveringTheDelay(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        object work = Activator.CreateInstance(woven.Type(Work))!;
        using var traced = new TracedProbes(woven, Traced.Provider, "AsyncWork__DelayThenAdd__entry", "AsyncWork__DelayThenAdd__return");

        Task<int>[] calls = Enumerable.Range(0, 1000).Select(i => (Task<int>)LoadedWoven.InvokeOn(work.GetType(), work, "DelayThenAdd", i, 1, 20)!).ToArray();
        Assert.True(Task.WaitAll(calls, TimeSpan.FromSeconds(30)));

        Assert.Equal(0, traced.LostEvents());
        IReadOnlyList<TraceRecord> entries = traced.Expect("AsyncWork__DelayThenAdd__entry", 1000);
        IReadOnlyList<TraceRecord> returns = traced.Expect("AsyncWork__DelayThenAdd__return", 1000);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), entries.Select(e => e.Arg(0)).Order());
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), returns.Select(r => r.Arg(0)).Order());
        // Task.Delay's timer runs on the kernel's coarse clock and may fire up to a tick (4 ms
        // at HZ=250) before 20 ms have passed; typically it fires after.
        Assert.All(returns, r => Assert.InRange(r.ElapsedNanoseconds(), TimerSlackBelow(20), 30_000_000_000));
        Assert.True(returns.Select(r => r.ElapsedNanoseconds()).Order().ElementAt(500) >= 20_000_000);
        Assert.All(returns, r => Assert.Null(r.ExceptionName()));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void FaultsAndCancellationsAreReportedByTheirExceptionType(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        object work = Activator.CreateInstance(woven.Type(Work))!;
        using var traced = new TracedProbes(woven, Traced.Provider, "AsyncWork__Fail__return", "AsyncWork__FailSynchronously__return",
            "AsyncWork__Cancelled__entry", "AsyncWork__Cancelled__return", "AsyncWork__TryCatchFinally__return");

        var fail = (Task)LoadedWoven.InvokeOn(work.GetType(), work, "Fail", "boom")!;
        var failNow = (Task)LoadedWoven.InvokeOn(work.GetType(), work, "FailSynchronously", "now")!;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));
        var cancelled = ((ValueTask<string>)LoadedWoven.InvokeOn(work.GetType(), work, "Cancelled", 10_000, cancel.Token)!).AsTask();
        var caught = (Task<string>)LoadedWoven.InvokeOn(work.GetType(), work, "TryCatchFinally", 1)!;
        var uncaught = (Task<string>)LoadedWoven.InvokeOn(work.GetType(), work, "TryCatchFinally", 2)!;
        Assert.Equal("boom", Assert.Throws<AggregateException>(() => fail.Wait()).InnerException!.Message);
        Assert.IsType<ArgumentException>(Assert.Throws<AggregateException>(() => failNow.Wait()).InnerException);
        Exception cancellation = Assert.ThrowsAny<OperationCanceledException>(() => cancelled.GetAwaiter().GetResult());
        Assert.Equal("caught mode 1", caught.Result);
        Assert.IsType<FormatException>(Assert.Throws<AggregateException>(() => uncaught.Wait()).InnerException);

        Assert.Equal("System.InvalidOperationException", traced.Expect("AsyncWork__Fail__return", 1)[0].ExceptionName());
        Assert.Equal("System.ArgumentException", traced.Expect("AsyncWork__FailSynchronously__return", 1)[0].ExceptionName());
        TraceRecord cancelledReturn = traced.Expect("AsyncWork__Cancelled__return", 1)[0];
        Assert.Equal(cancellation.GetType().FullName, cancelledReturn.ExceptionName());
        Assert.True(typeof(OperationCanceledException).IsAssignableFrom(Type.GetType(cancelledReturn.ExceptionName()!)));
        Assert.Equal(0, cancelledReturn.Arg(0));
        Assert.InRange(cancelledReturn.ElapsedNanoseconds(), TimerSlackBelow(30), 9_000_000_000);
        IReadOnlyList<TraceRecord> tryCatch = traced.Expect("AsyncWork__TryCatchFinally__return", 2).OrderBy(r => r.ExceptionName() ?? "").ToList();
        Assert.Null(tryCatch[0].ExceptionName());
        Assert.Equal("caught mode 1", tryCatch[0].Text(0));
        Assert.Equal("System.FormatException", tryCatch[1].ExceptionName());
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void EveryAsyncShapeReportsItsResult(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        Type type = woven.Type(Work);
        object work = Activator.CreateInstance(type)!;
        string[] probes = ["AsyncWork__Synchronous__return", "AsyncWork__ConfigureAwaitFalse__return", "AsyncWork__AwaitInLoop__return",
            "AsyncWork__EarlyReturn__return", "AsyncWork__Plain__return", "AsyncWork__Later__return", "AsyncWork__NewId__return",
            "AsyncWork__Unsupported__return", "AsyncWork__FireAndForget__entry", "AsyncWork__FireAndForget__return", "AsyncWork__StaticAsync__return",
            "AsyncWork__Echo__entry", "AsyncWork__Echo__return", "AsyncBox__GetAsync__return", "AsyncBox__PairAsync__return", "AsyncCounter__IncrementLater__return"];
        using var traced = new TracedProbes(woven, Traced.Provider, probes);
        var when = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var synchronous = (Task<int>)LoadedWoven.InvokeOn(type, work, "Synchronous", 41)!;
        Assert.True(synchronous.IsCompleted);
        Assert.Single(traced.Read("AsyncWork__Synchronous__return"));   // fired inside the call
        Assert.Equal("a!", ((Task<string>)LoadedWoven.InvokeOn(type, work, "ConfigureAwaitFalse", "a")!).Result);
        Assert.Equal(45, ((Task<int>)LoadedWoven.InvokeOn(type, work, "AwaitInLoop", 10)!).Result);
        Assert.Equal(-1, ((Task<int>)LoadedWoven.InvokeOn(type, work, "EarlyReturn", -5)!).Result);
        Assert.Equal(0, ((Task<int>)LoadedWoven.InvokeOn(type, work, "EarlyReturn", 0)!).Result);
        Assert.Equal(9, ((Task<int>)LoadedWoven.InvokeOn(type, work, "EarlyReturn", 9)!).Result);
        ((ValueTask)LoadedWoven.InvokeOn(type, work, "Plain", 20)!).AsTask().Wait();
        ((ValueTask<DateTime>)LoadedWoven.InvokeOn(type, work, "Later", when)!).AsTask().Wait();
        ((Task<Guid>)LoadedWoven.InvokeOn(type, work, "NewId", "6f9619ff-8b86-d011-b42d-00c04fc964ff")!).Wait();
        ((Task)LoadedWoven.InvokeOn(type, work, "Unsupported", 3)!).Wait();
        var done = new TaskCompletionSource<int>();
        LoadedWoven.InvokeOn(type, work, "FireAndForget", 21, done);
        Assert.Equal(42, done.Task.Result);
        Assert.Equal(30, ((Task<int>)LoadedWoven.InvokeOn(type, null, "StaticAsync", 3)!).Result);
        var echo = type.GetMethod("Echo")!;
        ((Task<int>)echo.MakeGenericMethod(typeof(int)).Invoke(work, [5])!).Wait();
        ((Task<string>)echo.MakeGenericMethod(typeof(string)).Invoke(work, ["five"])!).Wait();
        Type box = woven.Type("AssemblyToProcess.Async.AsyncBox`1").MakeGenericType(typeof(short));
        object boxed = Activator.CreateInstance(box, (short)-9)!;
        Assert.Equal((short)-9, ((Task<short>)LoadedWoven.InvokeOn(box, boxed, "GetAsync", 20)!).Result);
        var pair = box.GetMethod("PairAsync")!.MakeGenericMethod(typeof(string));
        ((ValueTask<(short, string)>)pair.Invoke(boxed, ["x"])!).AsTask().Wait();
        object counter = Activator.CreateInstance(woven.Type("AssemblyToProcess.Async.AsyncCounter"))!;
        Assert.Equal(3, ((Task<int>)LoadedWoven.InvokeOn(counter.GetType(), counter, "IncrementLater", 3)!).Result);
        Poll.Until(() => traced.Read("AsyncWork__FireAndForget__return").Count == 1, "the fire-and-forget call returned");

        Assert.Equal(42, traced.Expect("AsyncWork__Synchronous__return", 1)[0].Arg(0));
        Assert.Equal("a!", traced.Expect("AsyncWork__ConfigureAwaitFalse__return", 1)[0].Text(0));
        Assert.Equal(45, traced.Expect("AsyncWork__AwaitInLoop__return", 1)[0].Arg(0));
        Assert.Equal([-1L, 0, 9], traced.Expect("AsyncWork__EarlyReturn__return", 3).Select(r => r.Arg(0)));
        TraceRecord plain = traced.Expect("AsyncWork__Plain__return", 1)[0];
        Assert.Equal(0, plain.Arg(0));
        Assert.InRange(plain.ElapsedNanoseconds(), TimerSlackBelow(20), 9_000_000_000);
        Assert.Equal(when.AddDays(1).Ticks, traced.Expect("AsyncWork__Later__return", 1)[0].Arg(0));
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", traced.Expect("AsyncWork__NewId__return", 1)[0].Text(0));
        Assert.Equal(0, traced.Expect("AsyncWork__Unsupported__return", 1)[0].Arg(0));
        Assert.Equal(21, traced.Expect("AsyncWork__FireAndForget__entry", 1)[0].Arg(0));
        Assert.Null(traced.Expect("AsyncWork__FireAndForget__return", 1)[0].ExceptionName());
        Assert.Equal(30, traced.Expect("AsyncWork__StaticAsync__return", 1)[0].Arg(0));
        Assert.Equal(5, traced.Expect("AsyncWork__Echo__entry", 2)[0].Arg(0));
        IReadOnlyList<TraceRecord> echoes = traced.Expect("AsyncWork__Echo__return", 2);
        Assert.Equal(5, echoes[0].Arg(0));
        Assert.NotEqual(0, echoes[1].Arg(0));
        TraceRecord get = traced.Expect("AsyncBox__GetAsync__return", 1)[0];
        Assert.Equal(-9, get.Arg(0));
        Assert.InRange(get.ElapsedNanoseconds(), TimerSlackBelow(20), 9_000_000_000);
        Assert.Equal(0, traced.Expect("AsyncBox__PairAsync__return", 1)[0].Arg(0));
        Assert.Equal(3, traced.Expect("AsyncCounter__IncrementLater__return", 1)[0].Arg(0));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void MethodsReturningATaskWithoutAsyncReportWhenTheTaskCompletes(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        Type type = woven.Type("AssemblyToProcess.Async.ReturnedTasks");
        object tasks = Activator.CreateInstance(type)!;
        string[] probes = ["Forward", "Completed", "Delay", "FaultLater", "CancelLater", "ThrowBeforeReturning", "Nothing", "Generic"];
        using var traced = new TracedProbes(woven, Traced.Provider, probes.Select(p => $"ReturnedTasks__{p}__return").ToArray());
        IReadOnlyList<TraceRecord> Returns(string method, int count)
        {
            Poll.Until(() => traced.Read($"ReturnedTasks__{method}__return").Count >= count, $"{method}'s task completed");
            return traced.Expect($"ReturnedTasks__{method}__return", count);
        }

        var forward = (Task<int>)LoadedWoven.InvokeOn(type, tasks, "Forward", 41, 300)!;
        Assert.Equal(42, forward.Result);
        var delay = (Task)LoadedWoven.InvokeOn(type, tasks, "Delay", 20)!;
        delay.Wait();
        Assert.Equal("a!", ((Task<string>)LoadedWoven.InvokeOn(type, tasks, "Completed", "a")!).Result);
        var fault = (Task<int>)LoadedWoven.InvokeOn(type, tasks, "FaultLater", 20)!;
        Assert.IsType<InvalidOperationException>(Assert.Throws<AggregateException>(() => fault.Wait()).InnerException);
        var cancel = (Task)LoadedWoven.InvokeOn(type, tasks, "CancelLater", 20)!;
        Assert.ThrowsAny<OperationCanceledException>(() => cancel.GetAwaiter().GetResult());
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadedWoven.InvokeOn(type, tasks, "ThrowBeforeReturning", 1));
        Assert.Equal(0, ((Task<int>)LoadedWoven.InvokeOn(type, tasks, "ThrowBeforeReturning", 0)!).Result);
        Assert.Null(LoadedWoven.InvokeOn(type, tasks, "Nothing"));
        var generic = type.GetMethod("Generic")!;
        Assert.Equal(-7L, ((Task<long>)generic.MakeGenericMethod(typeof(long)).Invoke(tasks, [-7L, 20])!).Result);
        Assert.Equal("g", ((Task<string>)generic.MakeGenericMethod(typeof(string)).Invoke(tasks, ["g", 20])!).Result);

        // Fired when the task completed, not when Forward returned it (microseconds after entry):
        // the elapsed time covers the 300 ms the task took, whatever the machine's load.
        TraceRecord forwarded = Returns("Forward", 1)[0];
        Assert.Equal(42, forwarded.Arg(0));
        Assert.InRange(forwarded.ElapsedNanoseconds(), TimerSlackBelow(300), 30_000_000_000);
        Assert.Null(forwarded.ExceptionName());
        TraceRecord delayed = Returns("Delay", 1)[0];
        Assert.Equal(0, delayed.Arg(0));
        Assert.InRange(delayed.ElapsedNanoseconds(), TimerSlackBelow(20), 30_000_000_000);
        Assert.Equal("a!", Returns("Completed", 1)[0].Text(0));
        TraceRecord faulted = Returns("FaultLater", 1)[0];
        Assert.Equal(0, faulted.Arg(0));
        Assert.Equal("System.InvalidOperationException", faulted.ExceptionName());
        Assert.InRange(faulted.ElapsedNanoseconds(), TimerSlackBelow(20), 30_000_000_000);
        Assert.Equal("System.Threading.Tasks.TaskCanceledException", Returns("CancelLater", 1)[0].ExceptionName());
        IReadOnlyList<TraceRecord> thrown = Returns("ThrowBeforeReturning", 2);
        Assert.Equal("System.ArgumentOutOfRangeException", thrown[0].ExceptionName());
        Assert.Null(thrown[1].ExceptionName());
        TraceRecord nothing = Returns("Nothing", 1)[0];
        Assert.Equal(0, nothing.Arg(0));
        Assert.Null(nothing.ExceptionName());
        IReadOnlyList<TraceRecord> generics = Returns("Generic", 2);
        Assert.Equal(-7, generics[0].Arg(0));
        Assert.NotEqual(0, generics[1].Arg(0));   // a string result passes a pointer
    }

    private static long TimerSlackBelow(int milliseconds) => (milliseconds - 5) * 1_000_000L;

    private static LoadedWoven Woven(BuildConfiguration configuration)
    {
        Requires.Met(TracedProbes.Unavailable);
        return WovenAssemblies.Loaded(configuration);
    }
}
