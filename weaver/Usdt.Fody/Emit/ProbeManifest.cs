using System.Collections.Generic;
using System.Text;
using Usdt.Fody.Selection;

namespace Usdt.Fody.Emit;

/// <summary>
/// The human-readable list of the probes woven into a module, with what each argument
/// carries: written next to the assembly as <c>NAME.usdt.txt</c> and shipped with it, so a
/// user knows that <c>arg1</c> of <c>OrderService__PlaceOrder__entry</c> is <c>sku</c>, a
/// UTF-8 string, or that a slot is "unsupported" (always 0).
/// </summary>
internal sealed class ProbeManifest
{
    private readonly List<(string Probe, string Source, IReadOnlyList<(string Name, string Meaning)> Arguments)> _probes = [];
    private readonly IReadOnlyList<SkippedMethod> _skipped;

    /// <param name="skipped">Methods a wide scope selected and the inlining rule left unprobed, listed at the end.</param>
    public ProbeManifest(IReadOnlyList<SkippedMethod> skipped) => _skipped = skipped;

    public void Add(string provider, string probe, string source, IReadOnlyList<(string Name, string Meaning)> arguments) =>
        _probes.Add(($"{provider}:{probe}", source, arguments));

    public string Text(string assemblyName)
    {
        var text = new StringBuilder(_probes.Count * 160);
        text.Append("# USDT probes woven into ").Append(assemblyName).Append(" by Usdt.Fody\n");
        text.Append("# provider:probe   (the .NET member)\n#   argN  name  what the tracer reads\n");
        foreach ((string probe, string source, IReadOnlyList<(string Name, string Meaning)> arguments) in _probes)
        {
            text.Append('\n').Append(probe).Append("   (").Append(source).Append(")\n");
            int width = 0;
            foreach ((string name, _) in arguments)
                width = System.Math.Max(width, name.Length);
            for (int i = 0; i < arguments.Count; i++)
            {
                (string name, string meaning) = arguments[i];
                text.Append("  arg").Append(i).Append("  ").Append(name).Append(' ', width - name.Length).Append("  ").Append(meaning).Append('\n');
            }
        }
        if (_skipped.Count > 0)
        {
            text.Append("\n# Selected but not probed: the JIT inlines these (MinMethodBytes, [AggressiveInlining]); [Probe] on one probes it.\n");
            foreach (SkippedMethod skipped in _skipped)
                text.Append("# ").Append(MethodSelector.Describe(skipped.Method)).Append("   ").Append(skipped.Reason).Append('\n');
        }
        return text.ToString();
    }
}
