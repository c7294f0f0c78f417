using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Humanizer;

namespace RealLibraries.Workload;

/// <summary>Humanizer's string, number, date, time span, enum and inflector helpers.</summary>
public static class HumanizerWorkload
{
    public static IEnumerable<(string Name, Func<object?> Step)> Steps()
    {
        DateTime now = new(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        yield return ("humanize", () => "PascalCaseInputStringIsTurnedIntoSentence".Humanize());
        yield return ("humanize-casing", () => "some_underscored_text".Humanize(LetterCasing.Title));
        yield return ("dehumanize", () => "some string here".Dehumanize());
        yield return ("titleize", () => "the lord of the rings".Titleize());
        yield return ("pascal-camel-kebab", () => "hello world again".Pascalize() + "|" + "hello_world".Camelize() + "|" + "SomeTitleHere".Kebaberize() + "|" + "SomeTitle".Underscore());
        yield return ("truncate", () => "Long text to truncate here".Truncate(10) + "|" + "Long text".Truncate(4, "--", Truncator.FixedNumberOfWords));
        yield return ("pluralize", () => string.Join(",", new[] { "person", "man", "datum", "octopus", "sheep", "bus", "index" }.Select(w => w.Pluralize())));
        yield return ("singularize", () => string.Join(",", new[] { "people", "men", "data", "matrices", "quizzes" }.Select(w => w.Singularize())));
        yield return ("to-quantity", () => "case".ToQuantity(5) + "|" + "man".ToQuantity(1) + "|" + "dog".ToQuantity(2, ShowQuantityAs.Words));
        yield return ("to-words", () => string.Join(",", new[] { 0, 1, 13, 211, 1_234_567, -42 }.Select(n => n.ToWords())));
        yield return ("ordinal", () => string.Join(",", new[] { 1, 2, 3, 11, 22, 103 }.Select(n => n.Ordinalize() + "/" + n.ToOrdinalWords())));
        yield return ("roman", () => 1994.ToRoman() + "|" + "MMXXIV".FromRoman());
        yield return ("metric", () => 1230000d.ToMetric() + "|" + "1.23M".FromMetric());
        yield return ("bytes", () => 1536.Kilobytes().Humanize() + "|" + ByteSize.FromBytes(123456789).ToString("#.##") + "|" + (10.Megabytes() + 512.Kilobytes()).Megabytes);
        yield return ("timespan", () => TimeSpan.FromMilliseconds(1299630020).Humanize(3) + "|" + TimeSpan.FromDays(16).Humanize() + "|" + TimeSpan.FromSeconds(1).Humanize(minUnit: TimeUnit.Millisecond));
        yield return ("datetime", () => now.AddHours(-30).Humanize(dateToCompareAgainst: now) + "|" + now.AddDays(3).Humanize(dateToCompareAgainst: now) + "|" + now.AddSeconds(-10).Humanize(dateToCompareAgainst: now));
        yield return ("enum", () => Status.Cancelled.Humanize() + "|" + "Shipped".DehumanizeTo<Status>());
        yield return ("collection", () => new[] { "a", "b", "c" }.Humanize() + "|" + new[] { 1, 2 }.Humanize("or"));
        yield return ("bad-roman", () => "ABC".FromRoman());
        yield return ("bad-enum", () => "Nope".DehumanizeTo<Status>());
        yield return ("heading", () => 123.5.ToHeading() + "|" + 270d.ToHeading(HeadingStyle.Full));
        yield return ("tupleize", () => 3.Tupleize() + "|" + 7.Tupleize());
    }

    /// <summary>A hot path for the tracer.</summary>
    public static long HotLoop(int iterations)
    {
        long length = 0;
        for (int i = 0; i < iterations; i++)
            length += i.ToWords(CultureInfo.InvariantCulture).Length + ("item_" + i).Humanize().Length;
        return length;
    }
}
