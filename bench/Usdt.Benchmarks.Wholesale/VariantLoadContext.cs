using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// Loads a variant's assemblies (the workloads and the libraries, woven or not) from its
/// directory, so that one benchmark process runs exactly one copy. The Usdt runtime comes
/// from the default context: one per process, as in an application, and the one whose
/// registrations this program reads.
/// </summary>
internal sealed class VariantLoadContext(string directory) : AssemblyLoadContext($"variant {directory}")
{
    public string Directory { get; } = directory;

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null or "Usdt")
            return null;
        string path = Path.Combine(Directory, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
