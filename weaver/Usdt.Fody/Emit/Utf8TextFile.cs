using System;
using System.IO;
using System.Text;

namespace Usdt.Fody.Emit;

/// <summary>
/// Writes a text file as <c>File.WriteAllText</c> does (UTF-8, no byte order mark), but
/// through a buffered writer: the manifests of a large library run to megabytes, which
/// need not be held in memory as one string first.
/// </summary>
internal static class Utf8TextFile
{
    // As File.WriteAllText's: no byte order mark, and an unpaired surrogate is an error.
    private static readonly Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path, append: false, s_utf8, bufferSize: 1 << 16);
        write(writer);
    }
}
