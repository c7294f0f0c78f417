using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// A load context of its own, so that a woven and an unwoven copy of the same assembly can
/// be loaded side by side. Assemblies named in <paramref name="paths"/> load from there,
/// others from <paramref name="directory"/>; the Usdt runtime and the framework always come
/// from the default context, so every woven copy registers with the runtime the tests see.
/// </summary>
internal sealed class IsolatedLoadContext(string name, string? directory, IReadOnlyDictionary<string, string>? paths = null, bool collectible = false)
    : AssemblyLoadContext(name, collectible)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string simple = assemblyName.Name!;
        if (simple == "Usdt")
            return null;
        if (paths is not null && paths.TryGetValue(simple, out string? path))
            return LoadFromAssemblyPath(path);
        if (directory is not null && File.Exists(Path.Combine(directory, simple + ".dll")))
            return LoadFromAssemblyPath(Path.Combine(directory, simple + ".dll"));
        return null;
    }

    /// <summary>Loads <paramref name="path"/> alone in a new context (collectible for unwoven copies).</summary>
    public static Assembly LoadAlone(string path, bool collectible)
    {
        var context = new IsolatedLoadContext(Path.GetFileName(path), Path.GetDirectoryName(path), collectible: collectible);
        return context.LoadFromAssemblyPath(Path.GetFullPath(path));
    }
}
