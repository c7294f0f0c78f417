using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;

namespace RealLibraries.Workload;

/// <summary>
/// Runs every step and describes each outcome as text (result, or exception type and
/// message), so a woven and an unwoven copy loaded side by side can be compared line by line.
/// </summary>
public static class Workload
{
    public static string[] Run(string library, int hotIterations)
    {
        CultureInfo saved = CultureInfo.CurrentCulture, savedUi = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            IEnumerable<(string Name, Func<object?> Step)> steps = library switch
            {
                "Newtonsoft.Json" => JsonWorkload.Steps(),
                "Humanizer" => HumanizerWorkload.Steps(),
                _ => throw new ArgumentException("unknown library " + library),
            };
            var lines = new List<string>();
            foreach ((string name, Func<object?> step) in steps)
                lines.Add(name + ": " + Outcome(step));
            lines.Add("hot: " + Outcome(() => library == "Humanizer" ? HumanizerWorkload.HotLoop(hotIterations) : JsonWorkload.HotLoop(hotIterations)));
            return lines.ToArray();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    private static string Outcome(Func<object?> step)
    {
        try
        {
            return Describe(step());
        }
        catch (Exception e)
        {
            return "!" + e.GetType().FullName + ": " + e.Message;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items and not string => "[" + string.Join(",", items.Cast<object?>().Select(Describe)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
