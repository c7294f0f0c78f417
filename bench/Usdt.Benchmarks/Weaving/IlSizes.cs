using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Usdt.Benchmarks.Weaving;

/// <summary>IL body sizes of every method of an assembly, by "Namespace.Type::Method" (overloads summed).</summary>
internal static class IlSizes
{
    public static Dictionary<string, int> Read(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        MetadataReader metadata = pe.GetMetadataReader();
        var sizes = new Dictionary<string, int>();
        foreach (TypeDefinitionHandle typeHandle in metadata.TypeDefinitions)
        {
            TypeDefinition type = metadata.GetTypeDefinition(typeHandle);
            string typeName = $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = metadata.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                    continue;
                string key = $"{typeName}::{metadata.GetString(method.Name)}";
                sizes[key] = sizes.GetValueOrDefault(key) + pe.GetMethodBody(method.RelativeVirtualAddress).Size;
            }
        }
        return sizes;
    }

    /// <summary>Growth of each method present in both (the woven assembly's generated methods are not in the plain one).</summary>
    public static int[] Growth(Dictionary<string, int> plain, Dictionary<string, int> woven) =>
        plain.Keys.Where(woven.ContainsKey).Select(k => woven[k] - plain[k]).ToArray();
}
