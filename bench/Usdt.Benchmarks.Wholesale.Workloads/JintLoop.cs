using Jint;

namespace Usdt.Benchmarks.Wholesale.Workloads;

/// <summary>
/// A JavaScript loop of the usual mix: function and method calls, object allocation,
/// property reads and writes, arithmetic, string concatenation; evaluated on one engine.
/// </summary>
internal sealed class JintLoop
{
    public const int Iterations = 200_000;

    private const string Script = """
        function Point(x, y) { this.x = x; this.y = y; }
        Point.prototype.sum = function () { return this.x + this.y; };
        function square(v) { return v * v; }
        function bench(n) {
            var p = new Point(1, 2);
            var counters = { a: 1, b: 2 };
            var s = '';
            var total = 0;
            for (var i = 0; i < n; i++) {
                counters.a = counters.b + (i & 15);
                total += square(i % 100) + counters.a;
                if ((i & 7) === 0) { p.x = i; total += p.sum(); }
                if ((i & 1023) === 0) s = '';
                s += 'x';
            }
            return total + ':' + counters.a + ':' + s.length;
        }
        """;

    private readonly Engine _engine;
    private readonly string _call;

    public JintLoop(int iterations)
    {
        _engine = new Engine();
        _engine.Execute(Script);
        _call = $"bench({iterations})";
    }

    public string Run() => _engine.Evaluate(_call).ToString();
}
