using System;
using System.IO;
using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Debugging;

/// <summary>Weaving the same input twice gives identical bytes (with and without symbols).</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData(BuildConfiguration.Debug, true)]
    [InlineData(BuildConfiguration.Release, true)]
    [InlineData(BuildConfiguration.Release, false)]
    public void WeavingTheSameInputTwiceGivesIdenticalBytes(BuildConfiguration configuration, bool symbols)
    {
        string input = Inputs.AssemblyToProcess(configuration);

        byte[] first = File.ReadAllBytes(WeaveRun.Weave(input, writeSymbols: symbols).EnsureNoErrors().OutputPath);
        byte[] second = File.ReadAllBytes(WeaveRun.Weave(input, writeSymbols: symbols).EnsureNoErrors().OutputPath);

        Assert.Equal(first.Length, second.Length);
        Assert.True(first.AsSpan().SequenceEqual(second), "the two woven assemblies differ");
    }
}
