using System.Globalization;
using System.Text;

namespace Usdt.Platform.Linux;

/// <summary>
/// Names of generated library files, <c>usdt-PID-STARTTIME-SEQ-LABEL.so</c>: unique within
/// the directory, and telling which process owns each file so stale ones can be removed.
/// </summary>
internal static class LibraryFileName
{
    private const string Prefix = "usdt-";
    private const string Suffix = ".so";
    private const int MaxLabelLength = 48;

    public static string For(ProcessIdentity owner, int sequence, string label) =>
        $"{Prefix}{owner.ProcessId}-{owner.StartTime}-{sequence}-{Sanitize(label)}{Suffix}";

    public static string Pattern => Prefix + "*" + Suffix;

    /// <summary>The owner encoded in a file name made by <see cref="For"/>, or null for any other name.</summary>
    public static ProcessIdentity? OwnerOf(string fileName)
    {
        if (!fileName.StartsWith(Prefix, System.StringComparison.Ordinal) || !fileName.EndsWith(Suffix, System.StringComparison.Ordinal))
            return null;
        string[] parts = fileName[Prefix.Length..].Split('-', 4);
        return parts.Length == 4
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start)
            ? new ProcessIdentity(pid, start) : null;
    }

    private static string Sanitize(string label)
    {
        var name = new StringBuilder(label.Length);
        foreach (char c in label)
        {
            if (name.Length == MaxLabelLength)
                break;
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        }
        return name.ToString();
    }
}
