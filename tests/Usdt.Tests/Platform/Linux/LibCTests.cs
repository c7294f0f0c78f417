using System;
using System.IO;
using System.Text;
using Usdt.Platform.Linux;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// The C calls made through function pointers: paths reach the kernel as the framework's
/// own UTF-8 would spell them, and errno survives the call for the caller to report.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LibCTests
{
    [Theory]
    [InlineData("/srv/shop/Shop.usdt.x64.so")]
    [InlineData("/tmp/caf\u00e9/\u65e5\u672c/\U0001F600.so")]
    [InlineData("")]
    public void PathIsEncodedAsTheFrameworkEncodesIt(string path)
    {
        var buffer = new byte[NulTerminatedUtf8.MaxBytes];

        Assert.True(NulTerminatedUtf8.TryEncode(path, buffer));

        byte[] expected = Encoding.UTF8.GetBytes(path);
        Assert.Equal(expected, buffer.AsSpan(0, expected.Length).ToArray());
        Assert.Equal(0, buffer[expected.Length]);
    }

    [Fact]
    public void UnpairedSurrogateBecomesTheReplacementCharacter()
    {
        var buffer = new byte[16];

        Assert.True(NulTerminatedUtf8.TryEncode("a\ud800b\udc00", buffer));

        Assert.Equal(Encoding.UTF8.GetBytes("a\ufffdb\ufffd"), buffer.AsSpan(0, 8).ToArray());
    }

    [Fact]
    public void PathThatDoesNotFitOrHoldsNulIsRefused()
    {
        Assert.False(NulTerminatedUtf8.TryEncode("abcd", new byte[4]));
        Assert.True(NulTerminatedUtf8.TryEncode("abc", new byte[4]));
        Assert.False(NulTerminatedUtf8.TryEncode("\u00e9\u00e9", new byte[4]));
        Assert.False(NulTerminatedUtf8.TryEncode("a\0b", new byte[16]));
    }

    [Fact]
    public void FileWithNonAsciiNameIsOpenedAndDescribed()
    {
        string directory = Directory.CreateTempSubdirectory("usdt-libc-").FullName;
        try
        {
            string path = Path.Combine(directory, "caf\u00e9-\U0001F600.so");
            File.WriteAllBytes(path, new byte[123]);

            int fd = LibC.OpenAt(LibC.AT_FDCWD, path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
            Assert.True(fd >= 0, LibC.Describe(LibC.LastError));
            try
            {
                Assert.Equal(0, LibC.StatxOf(fd, out LibC.Statx status));
                Assert.Equal(123UL, status.Size);
                Assert.Equal(LibC.S_IFREG, status.Mode & LibC.S_IFMT);
            }
            finally
            {
                LibC.Close(fd);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void FailedCallLeavesItsErrno()
    {
        Assert.Equal(-1, LibC.OpenAt(LibC.AT_FDCWD, "/nonexistent-usdt-directory/x.so", LibC.O_RDONLY, 0));
        Assert.Equal(2 /* ENOENT */, LibC.LastError);

        Assert.Equal(-1, LibC.OpenAt(LibC.AT_FDCWD, "/tmp/a\0b", LibC.O_RDONLY, 0));
        Assert.Equal(LibC.EINVAL, LibC.LastError);

        Assert.Equal(-1, LibC.OpenAt(LibC.AT_FDCWD, "/" + new string('x', NulTerminatedUtf8.MaxBytes), LibC.O_RDONLY, 0));
        Assert.Equal(LibC.ENAMETOOLONG, LibC.LastError);
    }
}
