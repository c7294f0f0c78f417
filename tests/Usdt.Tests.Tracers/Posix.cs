using System.Runtime.InteropServices;

namespace Usdt.Tests.Tracers;

/// <summary>The few POSIX calls the drivers need and .NET does not offer.</summary>
public static partial class Posix
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;

    /// <summary>The calling thread's kernel id (what tracefs and perf call its PID/TID).</summary>
    [LibraryImport("libc", EntryPoint = "gettid")]
    public static partial int ThreadId();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint EffectiveUserId();

    /// <summary>Sends <paramref name="signal"/> to exactly one process, the one we started.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    public const int O_WRONLY = 0x1;
    public const int O_TRUNC = 0x200;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MakeFifo(string path, uint mode);

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
