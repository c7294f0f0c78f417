using System;
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
/// continuation (one task and its boxed state per traced call), run synchronously
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
    /// <param name="stub">The return probe's stub.</param>
    /// <param name="task">What the method returned; null fires at once, as a completed task.</param>
    /// <param name="start">The entry timestamp (<see cref="ProbeClock.Timestamp"/>), 0 when not measured.</param>
    /// <param name="limit">The byte limit of strings (the exception's type name).</param>
    public static void FireWhenDone(nint stub, Task? task, long start, int limit) =>
        WhenDone(task, new Pending(stub, start, limit), static (done, pending) => Fire(done, pending, result: 0));

    /// <summary>Fires <paramref name="stub"/> as <c>(result, elapsed, exception)</c> when <paramref name="task"/> completes.</summary>
    /// <param name="stub">The return probe's stub.</param>
    /// <param name="task">What the method returned; null fires at once, as a completed task with no result.</param>
    /// <param name="start">The entry timestamp (<see cref="ProbeClock.Timestamp"/>), 0 when not measured.</param>
    /// <param name="limit">The byte limit of strings (the result and the exception's type name).</param>
    public static void FireWhenDone<T>(nint stub, Task<T>? task, long start, int limit) =>
        WhenDone(task, new Pending(stub, start, limit), static (done, pending) =>
            Fire(done, pending, done is Task<T> { Status: TaskStatus.RanToCompletion } ran ? ProbeArgs.Value(ran.Result, slot: 0, pending.Limit) : 0));

    /// <summary>Runs <paramref name="fire"/> now when <paramref name="task"/> is complete (or null), else when it completes.</summary>
    private static void WhenDone(Task? task, Pending pending, Action<Task?, Pending> fire)
    {
        if (task is null || task.IsCompleted)
        {
            fire(task, pending);
            return;
        }
        task.ContinueWith(static (done, state) =>
            {
                var (pending, fire) = ((Pending, Action<Task?, Pending>))state!;
                fire(done, pending);
            },
            (pending, fire), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Fire(Task? task, Pending pending, long result)
    {
        long elapsed = ProbeClock.ElapsedNanoseconds(pending.Start);
        long exception = task?.Status switch
        {
            TaskStatus.Faulted => ProbeArgs.ExceptionType(task.Exception?.InnerException, pending.Limit),
            TaskStatus.Canceled => ProbeArgs.Utf8(CancelledName, ProbeArgs.ExceptionSlot, pending.Limit),
            _ => 0,
        };
        ProbeFire.Fire3(pending.Stub, result, elapsed, exception);
    }

    /// <summary>Where and how to fire: kept on the stack when the task is already complete.</summary>
    private readonly record struct Pending(nint Stub, long Start, int Limit);
}
