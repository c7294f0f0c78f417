using System;
using System.Collections.Generic;
using System.IO;

namespace Usdt.Platform.Linux;

/// <summary>
/// The directories tried for generated libraries, in order. A tracer opens the library by
/// path, so it must be a real file; each candidate is private to the user (see
/// <see cref="PrivateDirectory"/>) and the first that can hold an executable mapping wins.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class DirectoryCandidates
{
    public static IReadOnlyList<string> For(UsdtSettings settings)
    {
        // An explicit choice is the only one: a user who names a directory means it.
        if (settings.Directory is { } chosen)
            return [chosen];

        var candidates = new List<string>();
        uint uid = LibC.GetEffectiveUserId();
        // $XDG_RUNTIME_DIR is per-user, private and emptied at logout: the ideal place.
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
            candidates.Add(Path.Combine(runtime, "usdt"));
        // The temporary directory is shared, so use a per-user subdirectory that
        // PrivateDirectory verifies we own; another user cannot pre-create it for us.
        candidates.Add(Path.Combine(Path.GetTempPath(), $"usdt-{uid}"));
        // A home directory is rarely mounted noexec where /tmp sometimes is.
        if (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home)
            candidates.Add(Path.Combine(home, ".cache", "usdt"));
        return candidates;
    }
}
