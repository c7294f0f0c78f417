using System;
using System.Collections.Generic;
using System.IO;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>The README's first command does what the README says.</summary>
/// <remarks>In the sample shop's collection so it never builds while the fixture builds.</remarks>
[Collection(SampleShopCollection.Name)]
public sealed class DemoCommandTests
{
    [SkippableFact]
    public void DemoTracesTheShopLiveAndExitsByItselfWithASummary()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string demo = Path.Combine(BuildEnvironment.RepositoryRoot, "scripts", "demo");
        var environment = new Dictionary<string, string?> { ["DEMO_SECONDS"] = "2" };
        CommandResult result = CommandRunner.Run(demo, [], environment, TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, $"scripts/demo exited {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        string output = result.Stdout;
        Assert.Contains("-> PlaceOrder(customer=", output);
        Assert.Contains("<- ShipAsync = tracking", output);
        Assert.Contains("<- Reserve threw Shop.Services.OutOfStockException", output);
        Assert.Contains("@us[PlaceOrder]:", output);
        Assert.Contains("@us[ShipAsync]:", output);
        Assert.Contains("summary: ", output);
        // The same shop through dotnet-usdt, installed from the packed tool.
        Assert.Contains("-> OrderService.PlaceOrder(customerId: ", output);
        Assert.Contains("<- InventoryService.Reserve threw Shop.Services.OutOfStockException (", output);
        Assert.Contains("Calls per method over ", output);
        Assert.Contains("Shop.Services.ShippingService.ShipAsync(Int64, String)  (async)", output);
    }
}
