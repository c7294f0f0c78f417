using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DotnetUsdt.Platform;

namespace DotnetUsdt.Tracefs;

/// <summary>
/// Reads an instance's <c>trace_pipe</c> without blocking forever: polled with a timeout,
/// so a stop request is seen within a fraction of a second even when nothing fires.
/// Reading consumes the events (only this instance's buffer, never the global one).
/// </summary>
internal sealed unsafe class TracePipe : IDisposable
{
    private readonly int _fd;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<byte> _partial = [];

    public TracePipe(string instance)
    {
        string path = Path.Combine(instance, "trace_pipe");
        _fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (_fd < 0)
            throw new IOException($"open {path}: {Libc.Describe(Libc.LastError)}");
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for events and returns the complete lines read.</summary>
    public List<string> Read(int timeoutMilliseconds)
    {
        var lines = new List<string>();
        var poll = new Libc.PollFd { Fd = _fd, Events = Libc.POLLIN };
        // Read whether or not poll said so: on some kernels poll waits for the buffer to
        // fill to buffer_percent, while a non-blocking read takes whatever is there.
        Libc.Poll(&poll, 1, timeoutMilliseconds);
        while (true)
        {
            nint read;
            fixed (byte* buffer = _buffer)
                read = Libc.Read(_fd, buffer, _buffer.Length);
            if (read <= 0)
                break; // EAGAIN: drained for now
            for (int i = 0; i < read; i++)
            {
                if (_buffer[i] == (byte)'\n')
                {
                    lines.Add(Encoding.UTF8.GetString(_partial.ToArray()));
                    _partial.Clear();
                }
                else
                {
                    _partial.Add(_buffer[i]);
                }
            }
            if (read < _buffer.Length)
                break;
        }
        return lines;
    }

    public void Dispose() => Libc.Close(_fd);
}
