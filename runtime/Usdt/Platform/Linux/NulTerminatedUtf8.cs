using System;

namespace Usdt.Platform.Linux;

/// <summary>
/// A path as C expects it: UTF-8, ended by a NUL byte. Encoded by hand into the caller's
/// buffer (on the stack), because the framework's transcoder costs about a millisecond at
/// its first use in a process, and registration runs before an application has used it.
/// Unpaired surrogates become U+FFFD, as the framework's UTF-8 encoder makes them.
/// </summary>
internal static class NulTerminatedUtf8
{
    /// <summary>Linux's PATH_MAX (include/uapi/linux/limits.h), the NUL included: no longer path can be opened.</summary>
    public const int MaxBytes = 4096;

    /// <summary>
    /// Writes <paramref name="text"/> and a NUL into <paramref name="buffer"/>; false when
    /// it does not fit, or when the text itself holds a NUL (C would read a shorter name).
    /// </summary>
    public static bool TryEncode(string text, Span<byte> buffer)
    {
        int at = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (c == 0)
                return false;
            if (char.IsHighSurrogate((char)c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                c = char.ConvertToUtf32((char)c, text[++i]);
            else if (char.IsSurrogate((char)c))
                c = 0xFFFD;
            int length = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (at + length >= buffer.Length)
                return false;
            switch (length)
            {
                case 1:
                    buffer[at] = (byte)c;
                    break;
                case 2:
                    buffer[at] = (byte)(0xC0 | c >> 6);
                    buffer[at + 1] = (byte)(0x80 | c & 0x3F);
                    break;
                case 3:
                    buffer[at] = (byte)(0xE0 | c >> 12);
                    buffer[at + 1] = (byte)(0x80 | c >> 6 & 0x3F);
                    buffer[at + 2] = (byte)(0x80 | c & 0x3F);
                    break;
                default:
                    buffer[at] = (byte)(0xF0 | c >> 18);
                    buffer[at + 1] = (byte)(0x80 | c >> 12 & 0x3F);
                    buffer[at + 2] = (byte)(0x80 | c >> 6 & 0x3F);
                    buffer[at + 3] = (byte)(0x80 | c & 0x3F);
                    break;
            }
            at += length;
        }
        if (at >= buffer.Length)
            return false;
        buffer[at] = 0;
        return true;
    }
}
