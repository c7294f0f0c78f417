using System.Collections.Generic;

namespace DotnetUsdt.Manifest;

/// <summary>A woven assembly's <c>NAME.usdt.json</c>: its probes in probe table order.</summary>
internal sealed class ManifestFile
{
    public ManifestFile(string path, string assembly, IReadOnlyList<ProbeInfo> probes)
    {
        Path = path;
        Assembly = assembly;
        Probes = probes;
    }

    public string Path { get; }

    public string Assembly { get; }

    public IReadOnlyList<ProbeInfo> Probes { get; }

    /// <summary>The manifest of the assembly file <paramref name="assemblyPath"/> (<c>X.dll</c> has <c>X.usdt.json</c>).</summary>
    public static string PathFor(string assemblyPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(assemblyPath) ?? ".", System.IO.Path.GetFileNameWithoutExtension(assemblyPath) + Suffix);

    public const string Suffix = ".usdt.json";
}
