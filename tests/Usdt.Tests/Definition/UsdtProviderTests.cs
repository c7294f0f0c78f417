using System;
using System.Linq;
using Xunit;

namespace Usdt.Tests.Definition;

/// <summary>Defining a provider: names every tracer accepts, the argument limit, and one registration.</summary>
public sealed class UsdtProviderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("9lives")]
    [InlineData("with-dash")]
    [InlineData("with space")]
    [InlineData("dotted.name")]
    [InlineData("ünïcode")]
    public void ProviderNameThatIsNotACIdentifierIsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => new UsdtProvider(name));
    }

    [Fact]
    public void ProviderNameIsLimitedTo58Characters()
    {
        Assert.Equal(new string('p', 58), new UsdtProvider(new string('p', 58)).Name);
        Assert.Throws<ArgumentException>(() => new UsdtProvider(new string('p', 59)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("a-b")]
    [InlineData("a:b")]
    public void ProbeNameThatIsNotACIdentifierIsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => new UsdtProvider("shop").AddProbe(name));
    }

    [Fact]
    public void ProbeNameIsLimitedTo63Characters()
    {
        // The kernel's event names (perf, tracefs) hold 63 characters.
        var provider = new UsdtProvider("shop");
        Assert.Equal(63, provider.AddProbe(new string('n', 63)).Name.Length);
        Assert.Throws<ArgumentException>(() => provider.AddProbe(new string('n', 64)));
    }

    [Fact]
    public void ProbeCarriesAtMostTwelveArguments()
    {
        var provider = new UsdtProvider("shop");
        Assert.Equal(12, provider.AddProbe("twelve", Enumerable.Repeat(ProbeArgumentType.Int32, 12).ToArray()).Arguments.Count);
        Assert.Throws<ArgumentException>(() => provider.AddProbe("thirteen", Enumerable.Repeat(ProbeArgumentType.Int32, 13).ToArray()));
    }

    [Fact]
    public void UnknownArgumentTypeIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new UsdtProvider("shop").AddProbe("p", (ProbeArgumentType)0));
        Assert.Throws<ArgumentException>(() => new UsdtProvider("shop").AddProbe("p", (ProbeArgumentType)200));
    }

    [Fact]
    public void DuplicateProbeNameIsRefused()
    {
        var provider = new UsdtProvider("shop");
        provider.AddProbe("placed");
        Assert.Throws<ArgumentException>(() => provider.AddProbe("placed", ProbeArgumentType.Int32));
    }

    [Fact]
    public void ArgumentsAreCopiedAtDefinition()
    {
        ProbeArgumentType[] kinds = [ProbeArgumentType.Int32];
        Probe probe = new UsdtProvider("shop").AddProbe("p", kinds);
        kinds[0] = ProbeArgumentType.Utf8String;

        Assert.Equal([ProbeArgumentType.Int32], probe.Arguments);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    public void StringLimitOutsideOneTo4096IsRefused(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UsdtProvider("shop") { StringLimit = limit });
    }

    [Fact]
    public void ProbeKnowsItsProviderAndName()
    {
        Probe probe = new UsdtProvider("shop").AddProbe("placed", ProbeArgumentType.Int64);

        Assert.Equal(("shop", "placed"), (probe.Provider, probe.Name));
        Assert.False(probe.IsEnabled);
        Assert.Equal(0, probe.StubAddress);
    }
}
