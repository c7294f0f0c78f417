using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// An app deployed read-only (a container image layer, a read-only mount) needs no
/// writable place for its probes: it loads the library built beside it, and tracers
/// attach to that path.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class ReadOnlyAppDirectoryTests(SampleShopBuild shop)
{
    [SkippableFact]
    public void ShopOnAReadOnlyMountLoadsItsBuiltLibraryAndIsTracedByPath()
    {
        Requires.Met(TracerRequirements.Mount(), TracerRequirements.Bpftrace());
        string source = Path.Combine(shop.Root, "read-only-app"), mount = Path.Combine(shop.Root, "read-only-mount");
        DirectoryCopy.Tree(Path.GetDirectoryName(shop.Published(PublishKind.FrameworkDependent)[^1])!, source);
        Directory.CreateDirectory(mount);

        MountCommand("--bind", source, mount);
        try
        {
            MountCommand("-o", "remount,bind,ro", mount);
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(mount, "written"), "")); // EROFS
            string library = Path.Combine(mount, "Shop.Sample.usdt.x64.so");

            using (BpftraceSession bpftrace = BpftraceSession.Start(
                $$"""usdt:{{library}}:{{shop.Provider}}:OrderService__PlaceOrder__entry { printf("%d %d\n", pid, arg0); }""").WaitUntilAttached())
            using (ShopProcess app = ShopProcess.Start(["dotnet", Path.Combine(mount, "Shop.Sample.dll")], new Dictionary<string, string> { ["USDT_DIAGNOSTICS"] = "1" },
                "--orders", "15", "--interval-ms", "0"))
            {
                IReadOnlyList<string> output = app.WaitForExit();
                string pid = app.ProcessId.ToString(CultureInfo.InvariantCulture);
                bpftrace.WaitForOutput(lines => lines.Count(l => l.StartsWith(pid + " ", StringComparison.Ordinal)) >= 15, "fifteen orders", TimeSpan.FromSeconds(30));
                long[] seen = bpftrace.Stop().Where(l => l.StartsWith(pid + " ", StringComparison.Ordinal))
                    .Select(l => long.Parse(l[(pid.Length + 1)..], CultureInfo.InvariantCulture)).Order().ToArray();

                Assert.Equal(0, app.ExitCode);
                Assert.Contains(output, line => line.StartsWith("usdt: Shop.Sample: ", StringComparison.Ordinal) && line.EndsWith($" probes in {library}", StringComparison.Ordinal));
                Assert.Equal(app.LoggedCustomers, seen);
            }
        }
        finally
        {
            Unmount(mount);
        }
    }

    private static void MountCommand(params string[] arguments) =>
        CommandRunner.Run("mount", arguments).EnsureSuccess();

    /// <summary>umount, lazily if something still holds the mount, so no test leaves one behind.</summary>
    private static void Unmount(string mount)
    {
        if (CommandRunner.Run("umount", [mount]).ExitCode != 0)
            CommandRunner.Run("umount", ["-l", mount]).EnsureSuccess();
    }
}
