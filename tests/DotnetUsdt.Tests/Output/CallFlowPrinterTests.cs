using System;
using System.IO;
using System.Linq;
using DotnetUsdt.Formatting;
using DotnetUsdt.Manifest;
using DotnetUsdt.Output;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;
using Usdt.Contract;
using Xunit;
using static DotnetUsdt.Tests.Support.TestLibrary;

namespace DotnetUsdt.Tests.Output;

/// <summary>Nested calls are indented per thread; async returns neither open nor close a level.</summary>
public sealed class CallFlowPrinterTests
{
    private static readonly ProbeLibrary Library = Of(
        Entry("Shop.OrderService", "PlaceOrder", Argument(0, "customerId", "System.Int32", ArgumentKind.Int32), Argument(1, "sku", "System.String", ArgumentKind.Utf8String)),
        Return("Shop.OrderService", "PlaceOrder", "System.Int64", ArgumentKind.Int64),
        Entry("Shop.Inventory", "Reserve", Argument(0, "quantity", "System.Int32", ArgumentKind.Int32)),
        Return("Shop.Inventory", "Reserve", "System.Boolean", ArgumentKind.UInt8),
        new ProbeInfo("shop", "Shipping__ShipAsync__entry", ProbeKind.Entry, "Shop.Shipping", "ShipAsync", "(Int64)", isAsync: true,
            [Argument(0, "order", "System.Int64", ArgumentKind.Int64)]),
        Return("Shop.Shipping", "ShipAsync", "System.Int32", ArgumentKind.Int32, isAsync: true),
        Static("Shop.Probes", "OrderRejected", Argument(0, "customerId", "System.Int32", ArgumentKind.Int32)),
        Return("Shop.Shop", "Log", "System.Void", ArgumentKind.Unsupported));

    private static ProbeEvent Fire(int probe, int thread, long time, params ArgumentValue[] values) =>
        new(Library.Probes[probe], 10, thread, time, values);

    private static ArgumentValue I(long word) => ArgumentValue.Integer(word);

    [Fact]
    public void PrintsACallTreePerThread()
    {
        var output = new StringWriter();
        var printer = new CallFlowPrinter(output, showProcess: false);

        printer.Write(Fire(0, 1, 1_000_000_000, I(7), ArgumentValue.Pointer(0x10, "SKU-1")));
        printer.Write(Fire(2, 1, 1_000_100_000, I(3)));
        printer.Write(Fire(0, 2, 1_000_150_000, I(8), ArgumentValue.Pointer(0, null)));
        printer.Write(Fire(3, 1, 1_000_200_000, I(0), I(12_000), ArgumentValue.Pointer(0x20, "Shop.OutOfStockException")));
        printer.Write(Fire(6, 1, 1_000_250_000, I(7)));
        printer.Write(Fire(1, 1, 1_000_300_000, I(-1), I(92_000), ArgumentValue.Pointer(0, null)));
        printer.Write(Fire(4, 1, 1_000_400_000, I(170)));
        printer.Write(Fire(5, 3, 1_006_400_000, I(5169), I(6_100_000), ArgumentValue.Pointer(0, null)));
        printer.Write(Fire(7, 2, 1_006_500_000, I(0), I(0), ArgumentValue.Pointer(0, null)));

        string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([
            "0.000000     1        -> OrderService.PlaceOrder(customerId: 7, sku: \"SKU-1\")",
            "0.000100     1          -> Inventory.Reserve(quantity: 3)",
            "0.000150     2        -> OrderService.PlaceOrder(customerId: 8, sku: null)",
            "0.000200     1          <- Inventory.Reserve threw Shop.OutOfStockException (12 us)",
            "0.000250     1          ** Probes.OrderRejected(customerId: 7)",
            "0.000300     1        <- OrderService.PlaceOrder = -1 (92 us)",
            "0.000400     1        -> Shipping.ShipAsync(order: 170) async",
            "0.006400     3        <- Shipping.ShipAsync = 5169 (6.1 ms, async)",
            "0.006500     2        <- Shop.Log (entered before tracing began)",
        ], lines);
    }

    [Fact]
    public void TracingALibraryShowsProcessAndThread()
    {
        var output = new StringWriter();
        var printer = new CallFlowPrinter(output, showProcess: true);
        printer.WriteHeader();
        printer.Write(Fire(2, 11, 5, I(1)));

        Assert.Equal(["TIME(s)      PID/TID       CALL", "0.000000     10/11         -> Inventory.Reserve(quantity: 1)"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
