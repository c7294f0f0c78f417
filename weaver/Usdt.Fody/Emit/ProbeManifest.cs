using System.Collections.Generic;
using System.Globalization;
using System.IO;
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

    /// <summary>Writes the text manifest (<c>NAME.usdt.txt</c>).</summary>
    public void WriteText(string assemblyName, TextWriter text)
    {
        text.Write("# USDT probes woven into ");
        text.Write(assemblyName);
        text.Write(" by Usdt.Fody\n");
        text.Write("# provider:probe   (the .NET member)\n#   argN  name  what the tracer reads\n");
        foreach (ManifestProbe probe in _probes)
        {
            text.Write('\n');
            text.Write(probe.Provider);
            text.Write(':');
            text.Write(probe.Name);
            text.Write("   (");
            text.Write(probe.Source);
            text.Write(")\n");
            int width = 0;
            foreach (ManifestArgument argument in probe.Arguments)
                width = System.Math.Max(width, argument.Name.Length);
            for (int i = 0; i < probe.Arguments.Count; i++)
            {
                ManifestArgument argument = probe.Arguments[i];
                text.Write("  arg");
                text.Write(i.ToString(CultureInfo.InvariantCulture));
                text.Write("  ");
                text.Write(argument.Name);
                for (int pad = argument.Name.Length; pad < width + 2; pad++)
                    text.Write(' ');
                text.Write(argument.Description);
                text.Write('\n');
            }
        }
        if (Skipped.Count > 0)
        {
            text.Write("\n# Selected but not probed: the JIT inlines these (MinMethodBytes, [AggressiveInlining]); [Probe] on one probes it.\n");
            foreach (SkippedMethod skipped in Skipped)
            {
                text.Write("# ");
                text.Write(skipped.Member);
                text.Write("   ");
                text.Write(skipped.Reason);
                text.Write('\n');
            }
        }
    }
}
