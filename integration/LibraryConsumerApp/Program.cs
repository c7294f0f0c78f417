using System.Runtime.InteropServices;
using WovenLibrary;

// Quotes prices through the woven library, one call per line:
//
//   LibraryConsumer [--calls N] [--interval-ms M]
//
// With no --calls it runs until stopped (SIGTERM or Ctrl+C).

int calls = int.MaxValue;
int intervalMs = 20;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--calls" when i + 1 < args.Length: calls = int.Parse(args[++i]); break;
        case "--interval-ms" when i + 1 < args.Length: intervalMs = int.Parse(args[++i]); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

string[] items = ["tea", "mug", "lamp"];
var pricing = new Pricing();
using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
Console.WriteLine($"consumer running as pid {Environment.ProcessId}");
for (int n = 0; n < calls && !stop.IsCancellationRequested; n++)
{
    long cents = pricing.Quote(100 + n, items[n % items.Length], 1 + n % 5);
    Console.WriteLine($"quote {100 + n}: {cents}");
    stop.Token.WaitHandle.WaitOne(intervalMs);
}
return 0;
