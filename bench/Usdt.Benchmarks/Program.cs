using System;
using Usdt.Benchmarks.Disabled;
using Usdt.Benchmarks.Enabled;
using Usdt.Benchmarks.Inlining;
using Usdt.Benchmarks.NativeBaseline;
using Usdt.Benchmarks.Reporting;
using Usdt.Benchmarks.Startup;
using Usdt.Benchmarks.Weaving;

namespace Usdt.Benchmarks;

/// <summary>
/// One executable, one command per measurement; scripts/bench runs them in order and
/// <c>report</c> turns their tab-separated outputs into the markdown table.
/// </summary>
public static class Program
{
    private const string Usage = """
        Usdt.Benchmarks COMMAND [options]
          disabled --out FILE [--artifacts DIR] [--quick]   BenchmarkDotNet: disabled sites, inlining, managed firing cost
          inlining --out FILE                               JIT disassembly: is a tiny method still inlined once woven?
          startup --out FILE [--child-exe PATH --label L]   registration time and library size for 10, 1,000, 10,000 probes
          enabled --ready FILE --out FILE [--iterations N] [--repeats R] [--wait-seconds S]
                                                            tight loops firing probes once a tracer is attached
          weaving --out FILE --work DIR --repo DIR [--methods N]
                                                            weave and build time, IL growth, for N generated methods
          write-stub-library --out PATH                     the C baseline's probe library, written by our ELF writer
          report --dir DIR                                  markdown report of every result in DIR, to stdout
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }
        var options = new CommandOptions(args[1..]);
        return args[0] switch
        {
            "disabled" => DisabledSuite.Run(options),
            "inlining" => InliningCheck.Run(options),
            InliningCheck.ChildCommand => InliningCheck.RunChild(),
            "startup" => RegistrationTiming.Run(options),
            RegistrationTiming.ChildCommand => RegistrationTiming.RunChild(options),
            ColdStartBreakdown.ChildCommand => OperatingSystem.IsLinux() ? ColdStartBreakdown.RunChild(options) : 1,
            "enabled" => EnabledProbeRun.Run(options),
            "weaving" => WeaveTiming.Run(options),
            "write-stub-library" => StubLibraryWriter.Run(options),
            "report" => ReportWriter.Run(options),
            _ => Fail($"unknown command '{args[0]}'\n{Usage}"),
        };
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 64;
    }
}
