using System;
using System.Diagnostics;

namespace Usdt.Tests.Tracers;

/// <summary>Ending a process a test started: by its own pid, never by name (the machine may be shared).</summary>
public static class StartedProcess
{
    /// <summary>SIGKILLs <paramref name="process"/> if it still runs and waits for it; nothing if it never started.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL to this pid only
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }
    }
}
