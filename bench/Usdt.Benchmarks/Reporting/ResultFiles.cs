using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Usdt.Benchmarks.Reporting;

/// <summary>
/// The tab-separated files the measuring commands leave in one results directory, read
/// back by name. A missing file means that part did not run (no root, no tracer, ...).
/// </summary>
internal sealed class ResultFiles(string directory)
{
    public string Directory { get; } = directory;

    public IReadOnlyList<string[]> Rows(string fileName)
    {
        string path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
            return [];
        return File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => line.Split('\t')).ToList();
    }

    public IReadOnlyDictionary<string, string> Environment() =>
        Rows("env.tsv").Where(r => r.Length >= 2).GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Tracers whose enabled-probe runs left files, in the order the script runs them.</summary>
    public IEnumerable<string> Tracers() =>
        new[] { "bpftrace", "tracefs" }.Where(t => System.IO.Directory.EnumerateFiles(Directory, $"enabled-{t}-*.tsv").Any());

    public static string Format(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
