using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Usdt.Platform.Linux;

/// <summary>
/// Loads a library through an open descriptor: <c>dlopen("/proc/self/fd/N")</c> maps the
/// very file behind the descriptor, the one this process wrote or checked, whatever its
/// path names by then. Tracers still see the file's real path in <c>/proc/PID/maps</c>.
/// </summary>
/// <remarks>
/// The dynamic loader recognises a library by the name it was opened by before looking at
/// the file: a second <c>dlopen("/proc/self/fd/5")</c> returns whatever was first loaded
/// under that name, though descriptor 5 may name another file by then. So descriptors of
/// loaded libraries stay open for the life of the process (no name of ours is reused),
/// and every load is confirmed by <see cref="Maps"/>: the address found in the library
/// must lie in a mapping of the descriptor's file.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class DescriptorLoad
{
    /// <summary>False in sandboxes without /proc, where a descriptor cannot be named.</summary>
    public static bool IsAvailable { get; } = Directory.Exists("/proc/self/fd");

    /// <summary>Loads the file behind <paramref name="fd"/> and returns the address of <paramref name="symbol"/> in it; 0 with a reason when that cannot be done or confirmed.</summary>
    public static nint Load(int fd, string symbol, out string reason)
    {
        if (!NativeLibrary.TryLoad($"/proc/self/fd/{fd}", out nint handle))
        {
            reason = "cannot be loaded (noexec mount or sandbox?)";
            return 0;
        }
        if (!NativeLibrary.TryGetExport(handle, symbol, out nint address) || !Maps(address, fd))
        {
            reason = $"the dynamic loader returned another library for /proc/self/fd/{fd}";
            return 0;
        }
        reason = "";
        return address;
    }

    /// <summary>True when <paramref name="address"/> lies in a mapping of the file behind <paramref name="fd"/> (same device, same inode).</summary>
    public static bool Maps(nint address, int fd)
    {
        if (LibC.StatxOf(fd, out LibC.Statx file) != 0)
            return false;
        // /proc/self/maps: "start-end perms offset major:minor inode path", numbers in hex but the inode.
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            int dash = fields[0].IndexOf('-');
            if (fields.Length < 5 ||
                !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong start) ||
                !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong end) ||
                (ulong)address < start || (ulong)address >= end)
                continue;
            int colon = fields[3].IndexOf(':');
            return colon > 0 &&
                uint.TryParse(fields[3].AsSpan(0, colon), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint major) && major == file.DeviceMajor &&
                uint.TryParse(fields[3].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint minor) && minor == file.DeviceMinor &&
                ulong.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode) && inode == file.Inode;
        }
        return false;
    }

    /// <summary>The path the kernel knows the open file by (readlink of /proc/self/fd/N), or null.</summary>
    public static string? PathOf(int fd)
    {
        try { return new FileInfo($"/proc/self/fd/{fd}").LinkTarget; }
        catch (IOException) { return null; }
    }
}
