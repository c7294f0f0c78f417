using System;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;
using static Usdt.Tests.HostArguments;

namespace Usdt.Tests.Firing;

/// <summary>
/// <c>bpftrace -p PID</c> finds the probes through the libraries another process has
/// mapped, as a user tracing a running service would, and reads what that process fires.
/// </summary>
public sealed class BpftracePidTests
{
    [SkippableFact]
    public void BpftraceAttachedByPidReadsAnotherProcesssArgumentsAndRaisesItsSemaphore()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        using HostProcess host = HostProcess.Start();
        string provider = UniqueNames.Next("pid");
        HostRegistration registration = host.Register(provider, "order:ilsBHb", "other:i");
        Assert.True(registration.Active, registration.Reason);
        int order = registration.First;
        const string Sku = "SKU-ÉTÉ-€";

        Assert.False(host.IsEnabled(order));
        using BpftraceSession bpftrace = BpftraceSession.Start(
            $"usdt:*:{provider}:order {{ printf(\"order|%d|%lld|%s|%u|%u|%d\\n\", arg0, arg1, str(arg2), arg3, arg4, arg5); }}",
            host.ProcessId, stringLength: 64);
        bpftrace.WaitUntilAttached();
        Assert.True(host.IsEnabled(order));
        Assert.False(host.IsEnabled(order + 1)); // not traced, not raised

        host.Fire(order, 3, Int(int.MinValue), Int(long.MaxValue), Text(Sku), UInt(255), UInt(65535), Int(-1));
        bpftrace.WaitForOutput(lines => lines.Count(l => l.StartsWith("order|", StringComparison.Ordinal)) == 3, "three order lines");
        var lines = bpftrace.Stop().Where(l => l.StartsWith("order|", StringComparison.Ordinal)).ToArray();
        Poll.Until(() => !host.IsEnabled(order), "the host's semaphore falls back to 0");

        Assert.Equal(3, lines.Length);
        // Lines are decoded from bpftrace's bytes as UTF-8: a wrong byte would not give the SKU back.
        Assert.All(lines, line => Assert.Equal($"order|-2147483648|9223372036854775807|{Sku}|255|65535|-1", line));
    }
}
