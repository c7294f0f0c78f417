using System;
using System.Collections.Generic;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>Published apps, framework-dependent, self-contained and ReadyToRun, keep their probes.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class PublishTests(SampleShopBuild shop)
{
    [SkippableTheory]
    [InlineData(PublishKind.FrameworkDependent)]
    [InlineData(PublishKind.SelfContained)]
    [InlineData(PublishKind.ReadyToRun)]
    public void PublishedShopFiresItsProbes(PublishKind kind)
    {
        string[] command = shop.Published(kind);
        string directory = System.IO.Path.GetDirectoryName(command[^1])!;
        Assert.True(System.IO.File.Exists(System.IO.Path.Combine(directory, "Shop.Sample.usdt.txt")), "the probe manifest is published with the app");
        Requires.Met(TracerRequirements.Bpftrace());
        using ShopProcess app = ShopProcess.Start(command);
        using BpftraceSession bpftrace = BpftraceSession.Start(
            $$"""usdt:*:{{shop.Provider}}:OrderService__PlaceOrder__entry { printf("%d %s %d\n", arg0, str(arg1), arg2); }""",
            app.ProcessId).WaitUntilAttached();
        bpftrace.WaitForOutput(lines => lines.Count(l => l.Length > 0 && char.IsDigit(l[0])) >= 5, "five orders", TimeSpan.FromSeconds(20));
        IReadOnlyList<string> lines = bpftrace.Stop();
        IReadOnlyList<string> output = app.Stop();

        Assert.All(lines.Where(l => l.Length > 0 && char.IsDigit(l[0])), line =>
        {
            string[] fields = line.Split(' ');
            Assert.Equal(ShopOrders.SkuOf(long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture)), fields[1]);
        });
        Assert.Contains(output, l => l.StartsWith("summary:", StringComparison.Ordinal));
    }
}
