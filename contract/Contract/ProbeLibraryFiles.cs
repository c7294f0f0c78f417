using Usdt.Elf;

namespace Usdt.Contract;

/// <summary>
/// The file names of probe libraries written by the build, one per architecture, beside
/// the assembly they belong to: <c>Shop.dll</c> has <c>Shop.usdt.x64.so</c> and
/// <c>Shop.usdt.arm64.so</c>. The architecture is in the name, as in a .NET runtime
/// identifier, so a portable build holds both side by side.
/// </summary>
internal static class ProbeLibraryFiles
{
    /// <summary>The library of the assembly file <c>STEM.dll</c> (stem: the file name without extension).</summary>
    public static string ForModule(string assemblyStem, ElfArchitecture architecture) =>
        $"{assemblyStem}.usdt.{architecture.Name}.so";

    /// <summary>The suffix every module library of <paramref name="architecture"/> ends with.</summary>
    public static string ModuleSuffix(ElfArchitecture architecture) => $".usdt.{architecture.Name}.so";
}
