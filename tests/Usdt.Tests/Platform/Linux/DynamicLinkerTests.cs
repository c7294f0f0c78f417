using System;
using System.Runtime.InteropServices;
using Usdt.Platform.Linux;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// The C library's functions, found through dlsym without the framework's native-library
/// API, are the very ones that API finds; and the path through that API, taken where libc.so.6
/// has no dlsym, finds and loads the same.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DynamicLinkerTests
{
    [Theory]
    [InlineData("openat")]
    [InlineData("dlopen")]
    [InlineData("__errno_location")]
    public void GlobalSymbolIsTheOneTheFrameworkFinds(string name)
    {
        Assert.Equal(NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), name), DynamicLinker.Symbol(name));
    }

    [Fact]
    public void FrameworkPathFindsAndLoadsTheSameAsTheDirectOne()
    {
        Assert.Equal(DynamicLinker.Symbol("dlsym"), DynamicLinker.Framework.Symbol("dlsym"));
        nint direct = DynamicLinker.Open("libc.so.6"), framework = DynamicLinker.Framework.Open("libc.so.6");
        Assert.NotEqual(0, direct);
        Assert.Equal(direct, framework); // the loader hands out one handle per library
        Assert.Equal(DynamicLinker.Symbol(direct, "close"), DynamicLinker.Framework.Symbol(framework, "close"));
    }

    [SkippableFact]
    public void GlibcIsReachedByItsSonameWithoutTheFramework()
    {
        Skip.IfNot(NativeLibrary.TryLoad("libc.so.6", out nint libc) && NativeLibrary.TryGetExport(libc, "dlsym", out _),
            "not glibc 2.34 or later (dlsym is not in libc.so.6): lookups go through NativeLibrary");

        Assert.True(DynamicLinker.IsDirect());
    }

    [Fact]
    public void MissingSymbolThrowsAsAPInvokeWould()
    {
        Assert.Throws<EntryPointNotFoundException>(() => DynamicLinker.Symbol("usdt_no_such_function"));
        Assert.Equal(0, DynamicLinker.Symbol(DynamicLinker.Open("libc.so.6"), "usdt_no_such_function"));
    }

    [Fact]
    public void LibraryThatCannotBeLoadedGivesNoHandle()
    {
        Assert.Equal(0, DynamicLinker.Open("/nonexistent-usdt/libnothing.so"));
    }
}
