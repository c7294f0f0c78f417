using System.IO;
using System.Linq;
using DotnetUsdt.Targets;
using Xunit;

namespace DotnetUsdt.Tests.Targets;

/// <summary>Libraries are recognised by the names the weaver and the runtime give them, and mappings as the kernel lists them.</summary>
public sealed class TargetNamingTests
{
    [Theory]
    [InlineData("/app/Shop.Sample.usdt.x64.so", "Built", "Shop.Sample")]
    [InlineData("/app/dotnet-methods.usdt.arm64.so", "Built", "dotnet-methods")]
    [InlineData("/tmp/usdt-0/usdt-1234-0a1b2c3d.Shop.Sample.so", "Generated", "Shop.Sample")]
    [InlineData("/memfd:usdt-Shop.Sample", "MemoryFile", "Shop.Sample")]
    public void UsdtLibraries(string path, string origin, string label) =>
        Assert.Equal((System.Enum.Parse<LibraryOrigin>(origin), label), LibraryNames.Classify(path));

    [Theory]
    [InlineData("/usr/lib/libc.so.6")]
    [InlineData("/tmp/usdt-0/usdt-abc-0a1b2c3d.Shop.so")]
    [InlineData("/tmp/usdt-0/usdt-12-0A1B2C3D.Shop.so")]
    [InlineData("/app/.usdt.x64.so")]
    [InlineData("/memfd:doublemapper")]
    public void OtherFiles(string path) => Assert.Null(LibraryNames.Classify(path));

    [Fact]
    public void AGeneratedNameCarriesItsProcess() =>
        Assert.Equal(1234, LibraryNames.GeneratedProcessId("/tmp/usdt-0/usdt-1234-0a1b2c3d.Shop.so"));

    [Fact]
    public void MapsLinesWithSpacesDeletedFilesAndAnonymousMemory()
    {
        var mappings = MemoryMapping.Parse([
            "7fd8a67b2000-7fd8a67b3000 rw-p 00002000 fe:00 5335242                    /work/my app/Shop.usdt.x64.so",
            "7f0000000000-7f0000001000 r-xp 00001000 00:01 77                         /memfd:usdt-Shop (deleted)",
            "7ffd1000-7ffd2000 rw-p 00000000 00:00 0 ",
        ]);

        Assert.Equal("/work/my app/Shop.usdt.x64.so", mappings[0].Path);
        Assert.Equal((0x7fd8a67b2000UL, 0x7fd8a67b3000UL, "rw-p", 0x2000L, 5335242L), (mappings[0].Start, mappings[0].End, mappings[0].Permissions, mappings[0].Offset, mappings[0].Inode));
        Assert.True(mappings[0].Holds(0x2062));
        Assert.False(mappings[0].Holds(0x1fff));
        Assert.False(mappings[0].Holds(0x3000));
        Assert.Equal(("/memfd:usdt-Shop", true), (mappings[1].Path, mappings[1].IsDeleted));
        Assert.Equal("", mappings[2].Path);
    }

    [Fact]
    public void ThisProcessesOwnMapsParse()
    {
        var mappings = MemoryMapping.Of(System.Environment.ProcessId);

        Assert.Contains(mappings, m => Path.GetFileName(m.Path) == "System.Private.CoreLib.dll");
        Assert.All(mappings, m => Assert.True(m.End > m.Start));
    }
}
