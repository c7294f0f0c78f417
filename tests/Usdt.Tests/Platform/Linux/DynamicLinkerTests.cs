using System;
using System.Runtime.InteropServices;
using Usdt.Platform.Linux;
using Xunit;

namespace Usdt.Tests.Platform.Linux;

/// <summary>
/// The C library's functions, found through dlsym without the framework's native-library
/// API, are the very ones that API finds; and the fallback that uses it finds dlsym itself.
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
    public void FallbackThroughTheMainProgramFindsTheSameDlsym()
    {
        Assert.Equal(DynamicLinker.Symbol("dlsym"), DynamicLinker.FromMainProgram());
    }

    [SkippableFact]
    public void GlibcIsReachedByItsSonameWithoutTheFramework()
    {
        Skip.IfNot(NativeLibrary.TryLoad("libc.so.6", out _) && NativeLibrary.TryGetExport(NativeLibrary.Load("libc.so.6"), "dlsym", out _),
            "not glibc 2.34 or later (dlsym is not in libc.so.6): the fallback is taken");
        DynamicLinker.Symbol("close");

        Assert.True(DynamicLinker.FoundThroughLibcSoname);
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
