using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace DotnetUsdt.Targets;

/// <summary>One line of <c>/proc/PID/maps</c>: an address range mapped from a file offset.</summary>
internal sealed class MemoryMapping
{
    private const string DeletedSuffix = " (deleted)";

    public MemoryMapping(ulong start, ulong end, string permissions, long offset, long inode, string path)
    {
        Start = start;
        End = end;
        Permissions = permissions;
        Offset = offset;
        Inode = inode;
        IsDeleted = path.EndsWith(DeletedSuffix, StringComparison.Ordinal);
        Path = IsDeleted ? path[..^DeletedSuffix.Length] : path;
    }

    public ulong Start { get; }

    public ulong End { get; }

    public string Permissions { get; }

    /// <summary>The file offset mapped at <see cref="Start"/>.</summary>
    public long Offset { get; }

    public long Inode { get; }

    /// <summary>The file's path (without " (deleted)"), <c>/memfd:NAME</c> for a memfd, empty for anonymous memory.</summary>
    public string Path { get; }

    /// <summary>The file was unlinked after it was mapped (every memfd is).</summary>
    public bool IsDeleted { get; }

    /// <summary>Whether the mapping holds file offset <paramref name="offset"/>.</summary>
    public bool Holds(long offset) => offset >= Offset && (ulong)(offset - Offset) < End - Start;

    /// <summary>Every mapping of process <paramref name="processId"/>.</summary>
    /// <exception cref="IOException">The process does not exist or may not be inspected by this user.</exception>
    public static IReadOnlyList<MemoryMapping> Of(int processId)
    {
        try
        {
            return Parse(File.ReadAllLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/maps"));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"cannot read /proc/{processId}/maps: {e.Message} (a process of another user needs root)", e);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            throw new IOException($"no process {processId}", e);
        }
    }

    public static IReadOnlyList<MemoryMapping> Parse(IEnumerable<string> lines)
    {
        var mappings = new List<MemoryMapping>();
        foreach (string line in lines)
        {
            // start-end perms offset dev inode [path]; the path may hold spaces.
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5)
                continue;
            int dash = fields[0].IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
                continue;
            mappings.Add(new MemoryMapping(
                ulong.Parse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                fields[1],
                long.Parse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(fields[4], CultureInfo.InvariantCulture),
                fields.Length > 5 ? fields[5].Trim() : ""));
        }
        return mappings;
    }
}
