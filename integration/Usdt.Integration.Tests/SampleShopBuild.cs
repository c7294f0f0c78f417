using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// The sample shop built as a user builds it: Usdt.Fody packed into a folder feed, the
/// sample's sources copied to a scratch directory, restored and built from that feed.
/// </summary>
/// <remarks>
/// The package gets a version of its own (<c>0.2.0-e2e.PID.TICKS</c>), so no NuGet cache
/// on the machine can hold a stale copy of it: the restore always takes the package just
/// packed. The provider is renamed to a unique name so that perf's event group
/// (<c>sdt_PROVIDER</c>) never clashes with another run on a shared machine.
/// </remarks>
public sealed class SampleShopBuild : IDisposable
{
    private readonly Dictionary<string, string> _published = [];
    private readonly Dictionary<string, AppOutput> _outputs = [];
    private readonly Dictionary<string, string> _copies = [];
    private WovenLibraryPackage? _wovenLibrary;
    private readonly Dictionary<string, string> _projects = [];

    public SampleShopBuild()
    {
        // No "usdt" in the name: paths of built libraries must be found by their own names, never by a directory's.
        Root = Directory.CreateTempSubdirectory("e2e-shop-").FullName;
        Feed = Path.Combine(Root, "feed");
        Provider = UniqueNames.Next("shop");
        PackageVersion = $"0.2.0-e2e.{Environment.ProcessId}.{DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)}";

        Dotnet.Run(BuildEnvironment.RepositoryRoot, "pack", "weaver/Usdt.Fody", "-c", BuildEnvironment.Configuration,
            "--no-build", "-o", Feed, $"-p:Version={PackageVersion}");
        PackagePath = Path.Combine(Feed, $"Usdt.Fody.{PackageVersion}.nupkg");

        ProjectDirectory = CopySample("SampleApp", Provider);
        BuildOutput = Dotnet.Run(ProjectDirectory, "build", "-c", "Release", $"-p:UsdtFodyVersion={PackageVersion}", "-v", "normal");
    }

    public string Root { get; }
    public string Feed { get; }
    public string PackagePath { get; }
    public string PackageVersion { get; }

    /// <summary>The provider name of the shop's probes in this build.</summary>
    public string Provider { get; }

    /// <summary>The copy of integration/SampleApp that was built.</summary>
    public string ProjectDirectory { get; }

    /// <summary>What <c>dotnet build</c> printed (normal verbosity: Fody's messages included).</summary>
    public string BuildOutput { get; }

    public string AppPath => Path.Combine(ProjectDirectory, "bin", "Release", "net10.0", "Shop.Sample.dll");

    /// <summary>
    /// Copies integration/SampleApp to <c>Root/<paramref name="name"/></c> with its feed
    /// pointing at <see cref="Feed"/> and its provider renamed to <paramref name="provider"/>.
    /// </summary>
    public string CopySample(string name, string provider)
    {
        string directory = Path.Combine(Root, name);
        Dotnet.CopySource(Path.Combine(BuildEnvironment.RepositoryRoot, "integration", "SampleApp"), directory);
        Rewrite(Path.Combine(directory, "NuGet.config"), "../../artifacts/packages", Feed);
        Rewrite(Path.Combine(directory, "FodyWeavers.xml"), "Provider=\"shop\"", $"Provider=\"{provider}\"");
        Rewrite(Path.Combine(directory, "Probes", "ShopProbes.cs"), "[ProbeProvider(\"shop\")]", $"[ProbeProvider(\"{provider}\")]");
        return directory;
    }

    /// <summary>Publishes the shop (once per kind) and returns the command that starts it.</summary>
    public string[] Published(PublishKind kind)
    {
        lock (_published)
        {
            if (!_published.TryGetValue(kind.ToString(), out string? output))
            {
                output = Path.Combine(Root, "publish-" + kind);
                var arguments = new List<string> { "publish", "-c", "Release", "-o", output, $"-p:UsdtFodyVersion={PackageVersion}" };
                if (kind == PublishKind.SelfContained)
                    arguments.AddRange(["-r", "linux-x64", "--self-contained"]);
                if (kind == PublishKind.SelfContainedArm64)
                    arguments.AddRange(["-r", "linux-arm64", "--self-contained"]);
                if (kind == PublishKind.ReadyToRun)
                    arguments.AddRange(["-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"]);
                Dotnet.Run(ProjectDirectory, TimeSpan.FromMinutes(10), arguments.ToArray());
                _published.Add(kind.ToString(), output);
            }
            return kind is PublishKind.SelfContained or PublishKind.SelfContainedArm64
                ? [Path.Combine(output, "Shop.Sample")]
                : ["dotnet", Path.Combine(output, "Shop.Sample.dll")];
        }
    }

    /// <summary>
    /// A further copy of the shop with this build's provider, made once per
    /// <paramref name="name"/>: for outputs whose build settings must not share the main
    /// copy's obj/ (Native AOT, single-file), or for tests that change its sources.
    /// </summary>
    public string SampleCopy(string name)
    {
        lock (_copies)
        {
            if (!_copies.TryGetValue(name, out string? directory))
                _copies.Add(name, directory = CopySample(name, Provider));
            return directory;
        }
    }

    /// <summary>integration/WovenLibrary packed into <see cref="Feed"/>, and the app that consumes it (made once).</summary>
    public WovenLibraryPackage WovenLibrary
    {
        get
        {
            lock (_copies)
                return _wovenLibrary ??= WovenLibraryPackage.Create(this);
        }
    }

    /// <summary>
    /// integration/<paramref name="name"/>, copied once to <c>Root/<paramref name="name"/></c>
    /// with its NuGet.config's feed pointing at <see cref="Feed"/>.
    /// </summary>
    public string ProjectCopy(string name)
    {
        lock (_projects)
        {
            if (!_projects.TryGetValue(name, out string? directory))
            {
                directory = Path.Combine(Root, name);
                Dotnet.CopySource(Path.Combine(BuildEnvironment.RepositoryRoot, "integration", name), directory);
                Rewrite(Path.Combine(directory, "NuGet.config"), "../../artifacts/packages", Feed);
                _projects.Add(name, directory);
            }
            return directory;
        }
    }

    /// <summary>
    /// integration/FlowApp's application project: it and the class library it references
    /// are both woven with generic probes.
    /// </summary>
    public string FlowAppProject => Path.Combine(ProjectCopy("FlowApp"), "App");

    /// <summary>The build output of <see cref="FlowAppProject"/>.</summary>
    public AppOutput FlowApp => Output(FlowAppProject, "build");

    /// <summary>integration/ProbeCheckApp (one woven method per argument kind, see its Program.cs).</summary>
    public string ProbeCheckDirectory => ProjectCopy("ProbeCheckApp");

    /// <summary>
    /// <c>dotnet build</c> or <c>dotnet publish</c> of a copied app (Release, from this run's
    /// package) into a directory of its own, run once per command line.
    /// </summary>
    public AppOutput Output(string projectDirectory, string verb, params string[] options)
    {
        string key = string.Join(' ', [projectDirectory, verb, .. options]);
        lock (_outputs)
        {
            if (!_outputs.TryGetValue(key, out AppOutput? output))
            {
                string directory = Path.Combine(Root, $"{Path.GetFileName(projectDirectory)}-{verb}-{_outputs.Count}");
                string log = Dotnet.Run(projectDirectory, TimeSpan.FromMinutes(10),
                    [verb, "-c", "Release", "-o", directory, $"-p:UsdtFodyVersion={PackageVersion}", .. options]);
                _outputs.Add(key, output = new AppOutput(directory, log));
            }
            return output;
        }
    }

    internal static void Rewrite(string path, string from, string to)
    {
        string text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        // The package version is unique to this run: remove it from the NuGet cache again.
        foreach (string package in new[] { "usdt.fody", "wovenlibrary" })
        {
            string cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", package, PackageVersion.ToLowerInvariant());
            try { Directory.Delete(cached, recursive: true); }
            catch (DirectoryNotFoundException) { }
        }
    }
}

/// <summary>Where a build or publish put the app, and what <c>dotnet</c> printed doing it.</summary>
public sealed record AppOutput(string Directory, string Log);

public enum PublishKind
{
    FrameworkDependent,
    SelfContained,
    /// <summary>Framework-dependent and precompiled: the package's runtime is precompiled already.</summary>
    ReadyToRun,
    /// <summary>Self-contained for linux-arm64: run under user-mode emulation on an x64 host (Arm64Emulation).</summary>
    SelfContainedArm64,
}

[CollectionDefinition(Name)]
public sealed class SampleShopCollection : ICollectionFixture<SampleShopBuild>
{
    public const string Name = "sample shop";
}
