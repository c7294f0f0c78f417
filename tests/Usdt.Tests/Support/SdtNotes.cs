using System.Collections.Generic;
using System.Linq;
using Usdt.Tests.Tracers;

namespace Usdt.Tests;

/// <summary>The SDT notes of a library as readelf reads them, by probe name.</summary>
internal static class SdtNotes
{
    public static IReadOnlyDictionary<string, SdtNote> ByName(string path) =>
        Readelf.Notes(path).ToDictionary(note => note.Name);
}
