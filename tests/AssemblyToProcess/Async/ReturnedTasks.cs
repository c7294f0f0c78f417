using System;
using System.Threading;
using System.Threading.Tasks;
using Usdt;

namespace AssemblyToProcess.Async;

/// <summary>
/// Methods that return a task without being async: their return probes fire when the task
/// completes, not when the method hands it back.
/// </summary>
[Probe]
public class ReturnedTasks
{
    private readonly AsyncWork _work = new();

    /// <summary>Hands on another method's pending task.</summary>
    public Task<int> Forward(int a, int ms) => _work.DelayThenAdd(a, 1, ms);

    /// <summary>Already complete when returned.</summary>
    public Task<string> Completed(string text) => Task.FromResult(text + "!");

    public Task Delay(int ms) => Task.Delay(ms);

    public Task<int> FaultLater(int ms) =>
        Task.Delay(ms).ContinueWith<int>(_ => throw new InvalidOperationException("later"), TaskScheduler.Default);

    public Task CancelLater(int ms) => Task.Delay(Timeout.Infinite, new CancellationTokenSource(ms).Token);

    /// <summary>Throws before any task exists: the return probe fires at once, with the exception.</summary>
    public Task<int> ThrowBeforeReturning(int x) => x > 0 ? throw new ArgumentOutOfRangeException(nameof(x)) : Task.FromResult(x);

    public Task<int>? Nothing() => null;

    public Task<T> Generic<T>(T value, int ms) => Task.Delay(ms).ContinueWith(_ => value, TaskScheduler.Default);
}
