using System;
using System.Globalization;
using System.Text;

namespace Usdt.Platform.Linux;

/// <summary>
/// Names of libraries generated at start-up, <c>usdt-PID-TOKEN.LABEL.so</c>: the process id
/// and label tell a person whose file it is; the random token keeps names apart across
/// PID namespaces (every container's first process is pid 1). Whether the owner still
/// lives is told by the file's lock (<see cref="StaleLibraries"/>), never by its name.
/// </summary>
internal static class LibraryFileName
{
    private const string Prefix = "usdt-";
    private const string Suffix = ".so";
    private const int TokenLength = 8;
    private const int MaxLabelLength = 48;

    public static string For(int processId, uint token, string label) =>
        $"{Prefix}{processId.ToString(CultureInfo.InvariantCulture)}-{token.ToString("x8", CultureInfo.InvariantCulture)}.{Sanitize(label)}{Suffix}";

    /// <summary>True for names made by <see cref="For"/>: only those are ever cleaned up.</summary>
    public static bool IsGenerated(string fileName)
    {
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
            return false;
        ReadOnlySpan<char> rest = fileName.AsSpan(Prefix.Length);
        int dash = rest.IndexOf('-');
        if (dash <= 0 || !IsAll(rest[..dash], char.IsAsciiDigit))
            return false;
        rest = rest[(dash + 1)..];
        return rest.Length > TokenLength + 1 + Suffix.Length && rest[TokenLength] == '.' &&
            IsAll(rest[..TokenLength], c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
    }

    private static bool IsAll(ReadOnlySpan<char> text, Func<char, bool> accept)
    {
        foreach (char c in text)
        {
            if (!accept(c))
                return false;
        }
        return true;
    }

    private static string Sanitize(string label)
    {
        var name = new StringBuilder(Math.Min(label.Length, MaxLabelLength));
        foreach (char c in label)
        {
            if (name.Length == MaxLabelLength)
                break;
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        }
        return name.ToString();
    }
}
