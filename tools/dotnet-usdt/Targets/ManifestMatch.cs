using System.Collections.Generic;
using System.IO;
using System.Linq;
using DotnetUsdt.Elf;
using DotnetUsdt.Manifest;

namespace DotnetUsdt.Targets;

/// <summary>
/// Pairs a library's notes with a manifest's probes and fills the library's probe list: a
/// manifest describes the library only when it lists the same probes in the same order (a
/// manifest of another build would name arguments wrongly); otherwise the notes alone do.
/// </summary>
internal static class ManifestMatch
{
    /// <summary>Looks for <c>LABEL.usdt.json</c> in <paramref name="directories"/>, in order, and describes the library's probes.</summary>
    public static void Describe(ProbeLibrary library, IEnumerable<string> directories, List<string> warnings)
    {
        if (LibraryNames.IsMethodPair(library.Label))
        {
            Fill(library, null);
            return;
        }
        var tried = new List<string>();
        foreach (string directory in directories.Distinct())
        {
            string path = Path.Combine(directory, library.Label + ManifestFile.Suffix);
            ManifestFile? manifest;
            try
            {
                manifest = ManifestReader.TryRead(path);
            }
            catch (IOException e)
            {
                warnings.Add(e.Message);
                continue;
            }
            if (manifest is null)
            {
                tried.Add(path);
                continue;
            }
            if (Fits(manifest, library.File.Notes))
            {
                Fill(library, manifest);
                return;
            }
            warnings.Add($"{path} lists other probes than {library.ReadPath} (a manifest of another build?); described from the notes instead");
        }
        library.ManifestProblem = tried.Count == 0 ? "no manifest found" : $"no manifest: looked for {string.Join(", ", tried)}";
        Fill(library, null);
    }

    private static bool Fits(ManifestFile manifest, IReadOnlyList<SdtNote> notes) =>
        manifest.Probes.Count == notes.Count &&
        manifest.Probes.Select(p => p.Provider + ":" + p.Name).SequenceEqual(notes.Select(n => n.FullName));

    private static void Fill(ProbeLibrary library, ManifestFile? manifest)
    {
        library.Manifest = manifest;
        for (int i = 0; i < library.File.Notes.Count; i++)
        {
            SdtNote note = library.File.Notes[i];
            library.Add(manifest is null
                ? new Probe(library, i, note, NoteDescriptions.Describe(note), fromManifest: false)
                : new Probe(library, i, note, manifest.Probes[i], fromManifest: true));
        }
    }
}
