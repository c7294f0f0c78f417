namespace DotnetUsdt.Platform;

/// <summary>Whether this process may attach uprobes: root, as bpftrace and tracefs need.</summary>
internal static class Privileges
{
    public static bool IsRoot => Libc.EffectiveUserId() == 0;

    /// <summary>What to tell a user who ran <paramref name="command"/> without root.</summary>
    public static string NeedsRoot(string command) =>
        $"{command} attaches uprobes, which needs root (or CAP_BPF and CAP_PERFMON); this process runs as uid {Libc.EffectiveUserId()}.\n" +
        $"Run it with sudo, keeping your tool path: sudo env \"PATH=$PATH\" dotnet-usdt {command} ...\n" +
        "(`dotnet-usdt list` works without root where the files and the process are readable.)";
}
