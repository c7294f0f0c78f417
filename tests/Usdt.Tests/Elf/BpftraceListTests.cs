using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Elf;

/// <summary>bpftrace's own ELF and note reader (through bcc) finds every probe of a registered library.</summary>
public sealed class BpftraceListTests(EveryKindLibrary library) : IClassFixture<EveryKindLibrary>
{
    [SkippableFact]
    public void BpftraceListsEveryProbeOfTheLibrary()
    {
        Requires.Met(TracerRequirements.Bpftrace());

        CommandResult listed = CommandRunner.Run("bpftrace", ["-l", $"usdt:{library.Path}:*"]).EnsureSuccess();

        string[] lines = listed.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            library.ExpectedSpecs.Select(e => $"usdt:{library.Path}:{library.Provider.Name}:{e.Probe.Name}").Order(),
            lines.Order());
    }
}
