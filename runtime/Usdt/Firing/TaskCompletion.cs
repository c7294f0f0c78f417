using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Usdt.Firing;

/// <summary>
/// Return probes of methods that return a <see cref="Task"/> without being <c>async</c>
/// (<c>Task&lt;int&gt; Get(int id) =&gt; _inner.Get(id);</c>): the probe fires when the task
/// completes, as for an async method, with its result, the elapsed time of the whole
/// operation and the exception that faulted or cancelled it. Woven return sites call these
/// only while the return probe is enabled.
/// </summary>
/// <remarks>
/// A task that is already complete fires at once, allocating nothing. A pending one gets a
/// continuation (one task and one small state object per traced call), run synchronously
/// by whatever completes the task. Reading a faulted task's exception marks it observed,
/// so while this probe is traced such a task no longer raises
/// <see cref="TaskScheduler.UnobservedTaskException"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TaskCompletion
{
    // What awaiting a cancelled task throws, as async methods report it.
    private const string CancelledName = "System.Threading.Tasks.TaskCanceledException";

    /// <summary>Fires <paramref name="stub"/> as <c>(0, elapsed, exception)</c> when <paramref name="task"/> completes.</summary>
    /// <param name="task">What the method returned; null fires at once, as a completed task.</param>
    /// <param name="stub">The return probe's stub.</param>
    /// <param name="start">The entry timestamp (<see cref="ProbeClock.Timestamp"/>), 0 when not measured.</param>
    /// <param name="limit">The byte limit of strings (the exception's type name).</param>
    public static void FireWhenDone(Task? task, nint stub, long start, int limit)
    {
        if (task is null || task.IsCompleted)
        {
            Fire(task, stub, start, limit, result: 0);
            return;
        }
        task.ContinueWith(static (done, state) =>
            {
                var pending = (Pending)state!;
                Fire(done, pending.Stub, pending.Start, pending.Limit, result: 0);
            },
            new Pending(stub, start, limit), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Fires <paramref name="stub"/> as <c>(result, elapsed, exception)</c> when <paramref name="task"/> completes.</summary>
    /// <param name="task">What the method returned; null fires at once, as a completed task with no result.</param>
    /// <param name="stub">The return probe's stub.</param>
    /// <param name="start">The entry timestamp (<see cref="ProbeClock.Timestamp"/>), 0 when not measured.</param>
    /// <param name="limit">The byte limit of strings (the result and the exception's type name).</param>
    public static void FireWhenDone<T>(Task<T>? task, nint stub, long start, int limit)
    {
        if (task is null || task.IsCompleted)
        {
            Fire(task, stub, start, limit);
            return;
        }
        task.ContinueWith(static (done, state) =>
            {
                var pending = (Pending)state!;
                Fire(done, pending.Stub, pending.Start, pending.Limit);
            },
            new Pending(stub, start, limit), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Fire<T>(Task<T>? task, nint stub, long start, int limit) =>
        Fire(task, stub, start, limit,
            task is { Status: TaskStatus.RanToCompletion } ? ProbeArgs.Value(task.Result, slot: 0, limit) : 0);

    private static void Fire(Task? task, nint stub, long start, int limit, long result)
    {
        long elapsed = ProbeClock.ElapsedNanoseconds(start);
        long exception = task?.Status switch
        {
            TaskStatus.Faulted => ProbeArgs.ExceptionType(task.Exception?.InnerException, limit),
            TaskStatus.Canceled => ProbeArgs.Utf8(CancelledName, ProbeArgs.ExceptionSlot, limit),
            _ => 0,
        };
        ProbeFire.Fire3(stub, result, elapsed, exception);
    }

    private sealed record Pending(nint Stub, long Start, int Limit);
}
