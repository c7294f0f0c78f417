using System.Collections.Generic;
using System.IO;
using Usdt.Contract;
using Usdt.Elf;

namespace Usdt.Fody.Emit;

/// <summary>
/// Writes a woven module's probe libraries beside its assembly, one per architecture the
/// runtime supports (<c>Shop.usdt.x64.so</c>, <c>Shop.usdt.arm64.so</c>), so that they exist
/// before the application runs: tracers list and attach to them by path, and the runtime
/// loads them instead of generating its own. The package's build targets copy them to the
/// build and publish output. The bytes depend only on the probe table: the same input
/// assembly gives the same files.
/// </summary>
internal static class BuiltProbeLibraries
{
    /// <summary>Writes every architecture's library for <paramref name="table"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(ProbeTable table, string directory, string assemblyStem)
    {
        ulong hash = ProbeTableText.Hash(table.Text);
        ProbeLibraryImage[] images = ElfWriter.Write(table.Probes, ElfArchitecture.All, hash);
        var written = new List<string>();
        for (int i = 0; i < images.Length; i++)
        {
            string path = Path.Combine(directory, ProbeLibraryFiles.ForModule(assemblyStem, ElfArchitecture.All[i]));
            File.WriteAllBytes(path, images[i].Bytes);
            written.Add(path);
        }
        return written;
    }

    /// <summary>
    /// Writes the generic pair's library (<c>dotnet-methods.usdt.x64.so</c>, ...) beside the
    /// woven assembly: the same bytes for every module, since it holds the pair alone; the
    /// runtime loads one per process, from the first module that reports through it.
    /// </summary>
    public static IReadOnlyList<string> WriteMethodPair(string directory)
    {
        ulong hash = ProbeTableText.Hash(ProbeTableText.Of(MethodProbes.Pair));
        var written = new List<string>();
        foreach (ElfArchitecture architecture in ElfArchitecture.All)
        {
            string path = Path.Combine(directory, ProbeLibraryFiles.ForModule(MethodProbes.LibraryStem, architecture));
            File.WriteAllBytes(path, ElfWriter.Write(MethodProbes.Pair, architecture, hash).Bytes);
            written.Add(path);
        }
        return written;
    }

    /// <summary>Deletes the libraries an earlier build left: they must not outlive their probes.</summary>
    public static void DeleteStale(string directory, string assemblyStem)
    {
        foreach (ElfArchitecture architecture in ElfArchitecture.All)
        {
            foreach (string stem in new[] { assemblyStem, MethodProbes.LibraryStem })
            {
                string path = Path.Combine(directory, ProbeLibraryFiles.ForModule(stem, architecture));
                if (File.Exists(path))
                    File.Delete(path);
            }
        }
    }
}
