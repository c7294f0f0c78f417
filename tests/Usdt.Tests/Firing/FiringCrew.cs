using System;
using System.Collections.Generic;
using System.Threading;

namespace Usdt.Tests.Firing;

/// <summary>
/// Eight threads that fire one probe: freely (argument 0 = -1) while the test attaches or
/// detaches a tracer, and, in counted windows, exactly <c>perThread</c> times each with
/// argument 0 = the window number and argument 1 = the thread's index. A barrier stops the
/// free firing before a window, so a tracer can be compared against a known number.
/// </summary>
internal sealed class FiringCrew : IDisposable
{
    public const int Threads = 8;
    public const long Free = -1;

    private readonly Probe _probe;
    private readonly Barrier _barrier = new(Threads + 1);
    private readonly List<Thread> _threads = [];
    private readonly List<Exception> _failures = [];
    private volatile bool _pause, _stop;
    private int _window, _perThread;

    public FiringCrew(Probe probe)
    {
        _probe = probe;
        for (int index = 0; index < Threads; index++)
        {
            int me = index;
            var thread = new Thread(() => Run(me)) { IsBackground = true, Name = $"fire-{me}" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    /// <summary>Free fires so far, all threads together.</summary>
    public long FreeFires => Interlocked.Read(ref _freeFires);

    private long _freeFires;

    private void Run(int index)
    {
        try
        {
            while (!_stop)
            {
                if (_pause)
                {
                    _barrier.SignalAndWait(); // A: every thread has stopped firing freely
                    _barrier.SignalAndWait(); // B: the window is open
                    for (int i = 0; i < _perThread; i++)
                        _probe.Fire(_window, index);
                    _barrier.SignalAndWait(); // C: every counted fire is done
                    continue;
                }
                _probe.Fire(Free, index);
                Interlocked.Increment(ref _freeFires);
                Thread.Yield(); // keep free fires from flooding the tracer's buffer
            }
        }
        catch (Exception e)
        {
            lock (_failures)
                _failures.Add(e);
            _barrier.RemoveParticipant();
        }
    }

    /// <summary>
    /// Stops free firing, runs <paramref name="beforeWindow"/> with every thread idle, has each
    /// thread fire <paramref name="perThread"/> times tagged <paramref name="window"/>, then
    /// lets free firing resume; returns once the counted fires are done.
    /// </summary>
    public void CountedWindow(int window, int perThread, Action beforeWindow)
    {
        _window = window;
        _perThread = perThread;
        _pause = true;
        _barrier.SignalAndWait(); // A
        beforeWindow();
        _pause = false; // read only after C
        _barrier.SignalAndWait(); // B
        _barrier.SignalAndWait(); // C
    }

    /// <summary>Stops the threads and returns what any of them threw.</summary>
    public IReadOnlyList<Exception> Stop()
    {
        _stop = true;
        foreach (Thread thread in _threads)
            thread.Join();
        return _failures;
    }

    public void Dispose()
    {
        Stop();
        _barrier.Dispose();
    }
}
