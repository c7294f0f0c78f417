using System.Runtime.InteropServices;
using Shop.Services;
using Usdt;

// A small shop that takes orders in a loop: sync work (pricing, reservations), async work
// (shipping), strings and numbers in every call, and an exception path (items out of stock).
//
//   Shop.Sample [--orders N] [--interval-ms M] [--log-orders]
//
// With no --orders it runs until stopped (Ctrl+C or SIGTERM), then prints a summary;
// --log-orders prints a line per order as it completes.

int orders = int.MaxValue;
int intervalMs = 20;
bool logOrders = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--orders" when i + 1 < args.Length: orders = int.Parse(args[++i]); break;
        case "--interval-ms" when i + 1 < args.Length: intervalMs = int.Parse(args[++i]); break;
        case "--log-orders": logOrders = true; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

string[] skus = ["SKU-BOOK", "SKU-LAMP", "SKU-MUG", "SKU-TEA", "SKU-CHAIR-GONE"];
string[] addresses = ["1 Main St, Springfield", "Straße 7, München", "東京都千代田区 1-1"];
var shop = new OrderService(new PricingService(), new InventoryService(), new ShippingService());

// Ctrl+C and SIGTERM end the loop, so the summary is printed either way.
var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });

foreach (ProbeRegistration registration in UsdtDiagnostics.Registrations)
    Console.WriteLine($"probes: {registration}");
Console.WriteLine($"shop running as pid {Environment.ProcessId}");

int placed = 0, rejected = 0;
for (int n = 0; n < orders && !stop.IsCancellationRequested; n++)
{
    int tracking = await shop.CheckoutAsync(1000 + n, skus[n % skus.Length], 1 + n % 12, addresses[n % addresses.Length]);
    if (tracking == 0) rejected++; else placed++;
    if (logOrders)
        Console.WriteLine($"order {1000 + n}: {(tracking == 0 ? "rejected" : $"tracking {tracking}")}");
    try { await Task.Delay(intervalMs, stop.Token); } catch (OperationCanceledException) { }
}

Console.WriteLine($"summary: {placed} orders shipped, {rejected} rejected");
return 0;
