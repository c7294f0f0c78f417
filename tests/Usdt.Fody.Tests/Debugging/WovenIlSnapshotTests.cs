using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Debugging;

/// <summary>
/// What the weaver emits for a few representative shapes (Release build), disassembled and
/// held against the snapshots in tests/Usdt.Fody.Tests/Snapshots/: a change to the emitted
/// code fails here until its snapshot is updated, so it is seen in review.
/// </summary>
public sealed class WovenIlSnapshotTests
{
    private const string Uses = "AssemblyToProcess.SideEffects";

    // Each case weaves its types alone (with what they use), so a probe added elsewhere in
    // the test input does not move the probe indices its snapshot shows.
    [Theory]
    [InlineData("sync-method", "AssemblyToProcess.Shapes.Calculator", "Add", "<Add>usdt_traced")]
    [InlineData("sync-void-method", "AssemblyToProcess.Shapes.Calculator", "Nothing", "<Nothing>usdt_traced")]
    [InlineData("constructor", "AssemblyToProcess.Shapes.Dog", ".ctor")]
    [InlineData("generic-method", "AssemblyToProcess.Shapes.Box`1", "Swap", "<Swap>usdt_traced")]
    [InlineData("async-kickoff", "AssemblyToProcess.Async.AsyncWork", "DelayThenAdd")]
    [InlineData("async-state-machine", "AssemblyToProcess.Async.AsyncWork/<DelayThenAdd>d__0", "MoveNext")]
    [InlineData("returned-task", "AssemblyToProcess.Async.ReturnedTasks", "Forward", "<Forward>usdt_traced")]
    [InlineData("static-probe", "AssemblyToProcess.StaticProbes.ShopProbes", "OrderPlaced", "get_IsOrderPlacedEnabled")]
    [InlineData("probe-table", "<UsdtProbes>")]
    public void WovenIlMatchesItsSnapshot(string snapshot, string type, params string[] methods)
    {
        string[] alone = type.Split('/')[0] switch
        {
            "<UsdtProbes>" => ["AssemblyToProcess.Shapes.Calculator"],
            "AssemblyToProcess.Shapes.Dog" => ["AssemblyToProcess.Shapes.Animal", "AssemblyToProcess.Shapes.Dog", Uses],
            "AssemblyToProcess.Async.AsyncWork" => ["AssemblyToProcess.Async.AsyncWork", Uses],
            "AssemblyToProcess.Async.ReturnedTasks" => ["AssemblyToProcess.Async.AsyncWork", "AssemblyToProcess.Async.ReturnedTasks", Uses],
            "AssemblyToProcess.StaticProbes.ShopProbes" => ["AssemblyToProcess.StaticProbes.ShopProbes", "AssemblyToProcess.StaticProbes.Kind"],
            string single => [single],
        };
        string woven = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release), before: WeaveRun.KeepOnly(alone),
            folder: "snapshot-" + snapshot).EnsureNoErrors().OutputPath;

        string il = IlSnapshot.Disassemble(woven, type, methods);

        string? mismatch = IlSnapshot.Mismatch(snapshot, il);
        Assert.True(mismatch is null, mismatch);
    }
}
