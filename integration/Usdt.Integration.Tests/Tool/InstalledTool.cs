using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests.Tool;

/// <summary>
/// dotnet-usdt as a user gets it: packed with this run's unique version into the test feed,
/// installed with <c>dotnet tool install --tool-path</c> into a scratch folder, and run by
/// the command the install put there. Made once per <see cref="SampleShopBuild"/>.
/// </summary>
internal sealed class InstalledTool
{
    private static readonly ConditionalWeakTable<SampleShopBuild, InstalledTool> s_installed = [];

    private InstalledTool(string command, string toolPath, string installLog)
    {
        Command = command;
        ToolPath = toolPath;
        InstallLog = installLog;
    }

    /// <summary>The installed command, <c>TOOLPATH/dotnet-usdt</c>.</summary>
    public string Command { get; }

    public string ToolPath { get; }

    /// <summary>What <c>dotnet tool install</c> printed.</summary>
    public string InstallLog { get; }

    public static InstalledTool For(SampleShopBuild build)
    {
        lock (s_installed)
        {
            if (!s_installed.TryGetValue(build, out InstalledTool? tool))
                s_installed.Add(build, tool = Install(build));
            return tool;
        }
    }

    private static InstalledTool Install(SampleShopBuild build)
    {
        Dotnet.Run(BuildEnvironment.RepositoryRoot, "pack", "tools/dotnet-usdt", "-c", BuildEnvironment.Configuration,
            "--no-build", "-o", build.Feed, $"-p:Version={build.PackageVersion}");
        // Readable by everyone: the no-root tests run the tool as nobody.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(build.Root, (UnixFileMode)0b111_101_101);
        string toolPath = Path.Combine(build.Root, "tool");
        // A package folder of its own, so the unique version never lands in the machine's cache.
        var environment = new Dictionary<string, string?>(BuildEnvironment.CleanDotnetVariables())
        {
            ["NUGET_PACKAGES"] = Path.Combine(build.Root, "tool-packages"),
        };
        CommandResult install = CommandRunner.Run("dotnet",
            ["tool", "install", "--tool-path", toolPath, "--add-source", build.Feed, "dotnet-usdt", "--version", build.PackageVersion],
            environment, TimeSpan.FromMinutes(3)).EnsureSuccess();
        return new InstalledTool(Path.Combine(toolPath, "dotnet-usdt"), toolPath, install.Stdout + install.Stderr);
    }

    /// <summary>Runs <c>dotnet-usdt ARGS</c> to completion.</summary>
    public CommandResult Run(params string[] arguments) => Run(arguments, null);

    public CommandResult Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, TimeSpan? timeout = null) =>
        CommandRunner.Run(Command, arguments, environment, timeout ?? TimeSpan.FromMinutes(2));

    /// <summary>Starts a <c>trace</c> or <c>stat</c> that runs until stopped.</summary>
    public ToolProcess Start(params string[] arguments) => ToolProcess.Start(Command, arguments);
}
