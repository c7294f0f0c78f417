using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Usdt.Fody.Tests.Support;

/// <summary>Finds on disk the source file a PDB document names.</summary>
internal static class SourceDocument
{
    // With ContinuousIntegrationBuild the compiler maps the repository root to "/_/"
    // (DeterministicSourcePaths), so the PDB no longer holds the local path.
    private const string DeterministicRoot = "/_/";

    private static readonly string RepositoryRoot = typeof(SourceDocument).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The local path of <paramref name="documentUrl"/>, unmapping a deterministic-build path.</summary>
    public static string LocalPath(string documentUrl) =>
        documentUrl.StartsWith(DeterministicRoot, StringComparison.Ordinal)
            ? Path.Combine(RepositoryRoot, documentUrl.Substring(DeterministicRoot.Length))
            : documentUrl;
}
