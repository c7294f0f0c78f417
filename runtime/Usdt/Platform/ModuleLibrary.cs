namespace Usdt.Platform;

/// <summary>
/// Where the build may have written a woven module's probe libraries: the file stem of the
/// module's assembly (<c>Shop</c> for <c>Shop.dll</c>, whose libraries are
/// <c>Shop.usdt.x64.so</c> and <c>Shop.usdt.arm64.so</c>) and the directories to look in,
/// nearest first (an array, not a list: see <see cref="RegistrationReasons"/>).
/// </summary>
internal sealed record ModuleLibrary(string AssemblyStem, string[] Directories);
