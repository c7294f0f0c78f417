using System;
using System.Collections.Generic;
using System.Globalization;
using NCalc;

namespace Usdt.Benchmarks.Wholesale.Workloads;

/// <summary>
/// NCalc evaluating <c>Sqrt(x*x + y*y) * Sin(a) + if(b > 3, 1, 0)</c> with changing
/// parameters: one parsed expression evaluated again and again, or parsed every time
/// (its parse cache off).
/// </summary>
internal sealed class NCalcEvaluation
{
    public const int CachedIterations = 100_000;
    public const int ParseIterations = 5_000;

    private const string Text = "Sqrt(x*x + y*y) * Sin(a) + if(b > 3, 1, 0)";

    private readonly bool _parseEachTime;
    private readonly int _iterations;
    private readonly Expression _cached;

    public NCalcEvaluation(bool parseEachTime, int iterations)
    {
        _parseEachTime = parseEachTime;
        _iterations = iterations;
        _cached = new Expression(Text);
    }

    public string Run()
    {
        double sum = 0;
        for (int i = 0; i < _iterations; i++)
        {
            Expression expression = _parseEachTime ? new Expression(Text, ExpressionOptions.NoCache) : _cached;
            IDictionary<string, object?> parameters = expression.Parameters;
            parameters["x"] = (double)(i % 17);
            parameters["y"] = (double)(i % 13);
            parameters["a"] = i * 0.001;
            parameters["b"] = i % 7;
            sum += Convert.ToDouble(expression.Evaluate(), CultureInfo.InvariantCulture);
        }
        return sum.ToString("R", CultureInfo.InvariantCulture);
    }
}
