using Flow;

// Runs rounds of the checkout flow on request, so that a tracer attached beforehand sees
// an exact number of calls. Reads commands from stdin:
//
//   run N    runs N rounds one after the other, then prints "ran N in T ms"
//   (end of input ends the program)

Console.WriteLine($"flow running as pid {Environment.ProcessId}");
var checkout = new Checkout();
while (Console.ReadLine() is { } line)
{
    string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (words is not ["run", var text] || !int.TryParse(text, out int rounds))
    {
        Console.WriteLine($"unknown command: {line}");
        continue;
    }
    var clock = System.Diagnostics.Stopwatch.StartNew();
    for (int round = 0; round < rounds; round++)
        await checkout.Run(round);
    Console.WriteLine($"ran {rounds} in {clock.Elapsed.TotalMilliseconds:F1} ms");
}
