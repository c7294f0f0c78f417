using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Usdt.Benchmarks.Startup;

/// <summary>
/// What practically every application has done before its first woven method runs, and
/// so has already paid the framework's first-use costs of: opened and read a file, worked
/// with paths, searched strings, encoded UTF-8, loaded a native library. A cold registration
/// after this is the part of the cost that registration adds to an application's start-up;
/// without it, the cost of a registration that is the very first thing a process does.
/// </summary>
internal static class ApplicationStartUp
{
    public static void Simulate()
    {
        string path = Path.Combine(AppContext.BaseDirectory, Path.GetFileName(Environment.ProcessPath ?? "dotnet"));
        using (var file = File.OpenHandle(File.Exists(path) ? path : "/proc/self/stat"))
            RandomAccess.Read(file, new byte[64], 0);
        _ = "key=value".IndexOf('=') + "a:b".AsSpan().IndexOf(':');
        _ = Encoding.UTF8.GetBytes(path);
        NativeLibrary.TryLoad("libc.so.6", out _);
        _ = Marshal.GetLastPInvokeError();
        lock (path)
            _ = path.Length;
    }
}
