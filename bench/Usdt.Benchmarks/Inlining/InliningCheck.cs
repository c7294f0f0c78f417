using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;

namespace Usdt.Benchmarks.Inlining;

/// <summary>
/// Asks the JIT itself whether a tiny method stays inlined once woven: a child process runs
/// the callers of <see cref="InliningCallers"/> until they reach tier 1 with
/// <c>DOTNET_JitDisasm</c> set, and their final code is searched for a call to the callee.
/// Writes caller, callee, tier, inlined (yes/no), bytes of code, and the JIT's reason when it refused.
/// </summary>
internal static partial class InliningCheck
{
    public const string ChildCommand = "inlining-child";

    public static int Run(CommandOptions options)
    {
        string output = options.Required("out");
        string listing = Path.Combine(Path.GetTempPath(), $"usdt-bench-jit-{Environment.ProcessId}.txt");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["DOTNET_JitDisasm"] = string.Join(' ', InliningCallers.Pairs.Select(p => p.Caller)),
                ["DOTNET_JitStdOutFile"] = listing,
            };
            (int exitCode, string reasons) = SelfProcess.Run([ChildCommand], environment);
            if (exitCode != 0 || !File.Exists(listing))
            {
                Console.Error.WriteLine($"inlining: the child failed (exit {exitCode})");
                return 1;
            }
            string text = File.ReadAllText(listing);
            using var writer = new StreamWriter(output);
            foreach ((string caller, string callee, _) in InliningCallers.Pairs)
            {
                if (FinalListing(text, caller) is not { } final)
                {
                    Console.Error.WriteLine($"inlining: no listing for {caller}");
                    return 1;
                }
                bool called = final.Body.Split('\n').Any(line => line.TrimStart().StartsWith("call", StringComparison.Ordinal) && line.Contains(callee, StringComparison.Ordinal));
                string why = called ? ReasonFor(reasons, callee) : "";
                writer.WriteLine($"{caller}\t{callee.TrimEnd('(')}\t{final.Tier}\t{(called ? "no" : "yes")}\t{final.CodeBytes}\t{why}");
            }
            return 0;
        }
        finally
        {
            File.Delete(listing);
        }
    }

    /// <summary>
    /// The child: call each caller often enough, with pauses, that tiered compilation promotes
    /// it to tier 1; then print the JIT's reasons for each inlining it refused ("callee\treason").
    /// </summary>
    public static int RunChild()
    {
        using var failures = new InliningFailureListener();
        int sink = 0;
        for (int round = 0; round < 20; round++)
        {
            for (int i = 0; i < 500; i++)
            {
                foreach ((_, _, Func<int, int> run) in InliningCallers.Pairs)
                    sink += run(i);
            }
            Thread.Sleep(50); // tier-1 compilation happens on a background thread after a quiet spell
        }
        foreach ((string callee, string reason) in failures.Reasons)
            Console.Out.WriteLine($"{callee}\t{reason}");
        return sink == int.MinValue ? 1 : 0;
    }

    private static string ReasonFor(string reasons, string callee) =>
        reasons.Split('\n').Select(line => line.Split('\t')).FirstOrDefault(f => f.Length == 2 && f[0] == callee)?[1].Trim() ?? "?";

    private static (string Tier, string Body, int CodeBytes)? FinalListing(string text, string caller)
    {
        (string, string, int)? last = null;
        foreach (Match match in ListingHeader().Matches(text))
        {
            if (match.Groups["method"].Value != caller)
                continue;
            int start = match.Index;
            int end = text.IndexOf("; Assembly listing for method", start + 1, StringComparison.Ordinal);
            string body = end < 0 ? text[start..] : text[start..end];
            Match size = TotalBytes().Match(body);
            last = (match.Groups["tier"].Value, body, size.Success ? int.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        }
        return last;
    }

    [GeneratedRegex(@"; Assembly listing for method [^\n]*:(?<method>\w+)\([^\n]*\((?<tier>[^)\n]*)\)\s*\n")]
    private static partial Regex ListingHeader();

    [GeneratedRegex(@"; Total bytes of code (\d+)")]
    private static partial Regex TotalBytes();
}
