using System;
using Usdt.Elf;

namespace Usdt.Platform.Linux;

/// <summary>
/// Checks a library file's build-id against its bytes, reading the file piece by piece
/// through one buffer on the stack. Reading it whole into an array of its size costs a page
/// fault per 4 KB of fresh memory, which was most of a warm registration; mapping it
/// instead would let a file truncated meanwhile (a rebuild) kill the process with SIGBUS.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class FileBuildId
{
    // A multiple of the hash's 32-byte stripe: every piece but the last is whole stripes.
    private const int PieceSize = 32 * 1024;

    /// <summary>
    /// True when the <see cref="BuildId.Size"/> bytes at <paramref name="at"/> of
    /// <paramref name="head"/> (the file's first bytes, as read before) are the build-id of the
    /// <paramref name="length"/> bytes of the file open as <paramref name="fd"/>, hashed as the writer did: with
    /// the id's own bytes zero. False too when the file reads shorter than that.
    /// </summary>
    public static bool IsStoredIn(int fd, long length, byte[] head, int at)
    {
        if (at < 0 || at > head.Length - BuildId.Size || at > PieceSize - BuildId.Size)
            return false;
        Span<byte> piece = stackalloc byte[PieceSize];
        var hasher = BuildId.Hasher.Start();
        for (long offset = 0; ; offset += PieceSize)
        {
            int size = (int)Math.Min(PieceSize, length - offset);
            if (!LibC.ReadFully(fd, piece[..size], offset))
                return false;
            if (offset == 0)
                piece.Slice(at, BuildId.Size).Clear();
            if (offset + size == length)
                return BuildId.Same(hasher.Finish(piece[..size]), BuildId.At(head, at));
            hasher.Add(piece[..size]);
        }
    }
}
