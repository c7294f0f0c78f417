using System;
using System.IO;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// Every way the shop ships, built or published from the package as a user does it, and
/// the command that starts it. Single-file and Native AOT get copies of the shop of their
/// own, so their settings never meet the other outputs' in one obj/.
/// </summary>
internal static class ShippingShapes
{
    public const string PortableBuild = "build";
    public const string FrameworkDependent = "publish";
    public const string SelfContained = "self-contained publish";
    public const string ReadyToRun = "ReadyToRun publish";
    public const string SingleFile = "single-file publish";
    public const string NativeAot = "Native AOT publish";

    public static TheoryData<string> All => [PortableBuild, FrameworkDependent, SelfContained, ReadyToRun, SingleFile, NativeAot];

    /// <summary>Why <paramref name="shape"/> cannot be built here, or null: Native AOT links with clang and zlib.</summary>
    public static string? Unmet(string shape) =>
        shape != NativeAot ? null
        : ExecutableSearch.Find("clang") is null ? "Native AOT links with clang, which is not installed (apt-get install clang zlib1g-dev; scripts/prerequisites does it)"
        : !File.Exists("/usr/include/zlib.h") ? "Native AOT links with zlib, whose headers are not installed (apt-get install zlib1g-dev; scripts/prerequisites does it)"
        : null;

    public static string[] Command(SampleShopBuild shop, string shape) => shape switch
    {
        PortableBuild => ["dotnet", shop.AppPath],
        FrameworkDependent => shop.Published(PublishKind.FrameworkDependent),
        SelfContained => shop.Published(PublishKind.SelfContained),
        ReadyToRun => shop.Published(PublishKind.ReadyToRun),
        SingleFile => [Path.Combine(SingleFilePublish(shop).Directory, "Shop.Sample")],
        NativeAot => [Path.Combine(NativeAotPublish(shop).Directory, "Shop.Sample")],
        _ => throw new ArgumentException($"no shape '{shape}'", nameof(shape)),
    };

    public static AppOutput SingleFilePublish(SampleShopBuild shop) =>
        shop.Output(shop.SampleCopy("shop-single-file"), "publish", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true");

    /// <summary>
    /// The Native AOT publish, with warnings left as warnings: the runtime's own AOT
    /// warnings are checked by a test of their own, so that one failure does not hide
    /// whether the compiled app works.
    /// </summary>
    public static AppOutput NativeAotPublish(SampleShopBuild shop) =>
        shop.Output(shop.SampleCopy("shop-native-aot"), "publish", "-r", "linux-x64", "-p:PublishAot=true", "-p:TreatWarningsAsErrors=false");
}
