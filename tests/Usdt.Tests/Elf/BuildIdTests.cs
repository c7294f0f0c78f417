using System;
using Usdt.Elf;
using Xunit;

namespace Usdt.Tests.Elf;

/// <summary>
/// The build-id as the runtime recomputes it, piece by piece through a small buffer, is the
/// id the writer computed over the whole image at once.
/// </summary>
public sealed class BuildIdTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(31, 0)]
    [InlineData(32, 32)]
    [InlineData(33, 32)]
    [InlineData(100_007, 32)]
    [InlineData(100_007, 32 * 1024)]
    [InlineData(65_536, 32 * 1024)]
    public void HashingInPiecesGivesTheIdOfTheWhole(int length, int pieceSize)
    {
        byte[] content = new byte[length];
        new Random(length).NextBytes(content);

        var hasher = BuildId.Hasher.Start();
        int at = 0;
        while (pieceSize > 0 && length - at > pieceSize)
        {
            hasher.Add(content.AsSpan(at, pieceSize));
            at += pieceSize;
        }
        byte[] inPieces = hasher.Finish(content.AsSpan(at));

        Assert.Equal(BuildId.Compute(content), inPieces);
    }

    [Fact]
    public void PieceThatEndsInsideAStripeIsRefused()
    {
        var hasher = BuildId.Hasher.Start();

        Assert.Throws<ArgumentException>(() => hasher.Add(new byte[40]));
    }

    [Fact]
    public void StoredIdIsRecognisedAndAChangedByteIsNot()
    {
        byte[] file = new byte[1_000];
        new Random(7).NextBytes(file);
        Array.Clear(file, 64, BuildId.Size);
        Buffer.BlockCopy(BuildId.Compute(file), 0, file, 64, BuildId.Size);

        Assert.True(BuildId.IsStoredIn(file, 64));
        file[999] ^= 1;
        Assert.False(BuildId.IsStoredIn(file, 64));
    }
}
