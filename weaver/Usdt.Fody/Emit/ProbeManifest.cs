using System.Collections.Generic;
using System.Text;
using Usdt.Fody.Selection;

namespace Usdt.Fody.Emit;

/// <summary>
/// The list of the probes woven into a module, with what each argument carries: written
/// next to the assembly as <c>NAME.usdt.txt</c> for people and <c>NAME.usdt.json</c> for
/// tools (<see cref="ProbeManifestJson"/>), and shipped with it, so a user knows that
/// <c>arg1</c> of <c>OrderService__PlaceOrder__entry</c> is <c>sku</c>, a UTF-8 string, or
/// that a slot is "unsupported" (always 0).
/// </summary>
internal sealed class ProbeManifest
{
    private readonly List<ManifestProbe> _probes = [];

    /// <param name="skipped">Methods a wide scope selected and the inlining rule left unprobed, listed at the end.</param>
    public ProbeManifest(IReadOnlyList<SkippedMethod> skipped) => Skipped = skipped;

    /// <summary>Every probe, in probe table order.</summary>
    public IReadOnlyList<ManifestProbe> Probes => _probes;

    public IReadOnlyList<SkippedMethod> Skipped { get; }

    public void Add(ManifestProbe probe) => _probes.Add(probe);

    public string Text(string assemblyName)
    {
        var text = new StringBuilder(_probes.Count * 160);
        text.Append("# USDT probes woven into ").Append(assemblyName).Append(" by Usdt.Fody\n");
        text.Append("# provider:probe   (the .NET member)\n#   argN  name  what the tracer reads\n");
        foreach (ManifestProbe probe in _probes)
        {
            text.Append('\n').Append(probe.Provider).Append(':').Append(probe.Name).Append("   (").Append(probe.Source).Append(")\n");
            int width = 0;
            foreach (ManifestArgument argument in probe.Arguments)
                width = System.Math.Max(width, argument.Name.Length);
            for (int i = 0; i < probe.Arguments.Count; i++)
            {
                ManifestArgument argument = probe.Arguments[i];
                text.Append("  arg").Append(i).Append("  ").Append(argument.Name).Append(' ', width - argument.Name.Length)
                    .Append("  ").Append(argument.Description).Append('\n');
            }
        }
        if (Skipped.Count > 0)
        {
            text.Append("\n# Selected but not probed: the JIT inlines these (MinMethodBytes, [AggressiveInlining]); [Probe] on one probes it.\n");
            foreach (SkippedMethod skipped in Skipped)
                text.Append("# ").Append(MethodSelector.Describe(skipped.Method)).Append("   ").Append(skipped.Reason).Append('\n');
        }
        return text.ToString();
    }
}
