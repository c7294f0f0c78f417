using System;
using System.IO;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests;

/// <summary>
/// integration/WovenLibrary, a class library woven by Usdt.Fody, packed into the test feed
/// as a library author publishes it, and integration/LibraryConsumerApp, an application
/// that references only that package (no Fody), copied beside it.
/// </summary>
/// <remarks>
/// The library package gets the fixture's unique version, so no NuGet cache holds an older
/// copy, and a provider of its own, so its perf groups clash with nothing on the machine.
/// </remarks>
public sealed class WovenLibraryPackage
{
    private WovenLibraryPackage(string libraryDirectory, string packagePath, string version, string provider, string packLog, string consumerDirectory)
    {
        LibraryDirectory = libraryDirectory;
        PackagePath = packagePath;
        Version = version;
        Provider = provider;
        PackLog = packLog;
        ConsumerDirectory = consumerDirectory;
    }

    /// <summary>The copy of integration/WovenLibrary that was packed.</summary>
    public string LibraryDirectory { get; }

    public string PackagePath { get; }
    public string Version { get; }

    /// <summary>The provider of the library's probes in this build.</summary>
    public string Provider { get; }

    /// <summary>What <c>dotnet pack</c> printed (normal verbosity: Fody's messages included).</summary>
    public string PackLog { get; }

    /// <summary>The copy of integration/LibraryConsumerApp, restoring from the test feed.</summary>
    public string ConsumerDirectory { get; }

    /// <summary>The property that makes the consumer reference this run's library package.</summary>
    public string VersionProperty => $"-p:WovenLibraryVersion={Version}";

    internal static WovenLibraryPackage Create(SampleShopBuild shop)
    {
        string library = shop.ProjectCopy("WovenLibrary");
        string provider = UniqueNames.Next("wovenlib");
        SampleShopBuild.Rewrite(Path.Combine(library, "FodyWeavers.xml"), "Provider=\"wovenlib\"", $"Provider=\"{provider}\"");
        string log = Dotnet.Run(library, TimeSpan.FromMinutes(10), "pack", "-c", "Release", "-o", shop.Feed,
            $"-p:Version={shop.PackageVersion}", $"-p:UsdtFodyVersion={shop.PackageVersion}", "-v", "normal");

        string consumer = shop.ProjectCopy("LibraryConsumerApp");
        return new WovenLibraryPackage(library, Path.Combine(shop.Feed, $"WovenLibrary.{shop.PackageVersion}.nupkg"),
            shop.PackageVersion, provider, log, consumer);
    }
}
