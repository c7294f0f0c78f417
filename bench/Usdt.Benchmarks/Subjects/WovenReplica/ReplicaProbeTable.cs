using Usdt.Weaving;

namespace Usdt.Benchmarks.Subjects.WovenReplica;

/// <summary>
/// HAND-WRITTEN REPLICA of the per-module probe table that Usdt.Fody generates, written
/// before the weaver exists so that woven-site costs can be measured now. Same shape as
/// the weaver's contract: one <see cref="WovenProbes.Register"/> call in a static
/// constructor, the two base addresses in <c>static readonly</c> fields (tier-1 JIT folds
/// them into constants), probe <c>i</c> at <c>Semaphores + 2*i</c> and <c>Stubs + 8*i</c>.
/// </summary>
internal static class ReplicaProbeTable
{
    public const string Provider = "usdtbench";

    // Probe indices, in table order (the weaver numbers probes the same way).
    public const int PlaceOrderEntry = 0;
    public const int PlaceOrderReturn = 1;
    public const int AddEntry = 2;
    public const int AddReturn = 3;
    public const int AddNoInliningEntry = 4;
    public const int AddNoInliningReturn = 5;
    public const int OrderPlaced = 6;      // a static probe (issue 4's ShopProbes.OrderPlaced shape)
    public const int Fire2 = 7;            // enabled-probe loops: two integers
    public const int FireShortString = 8;  // an integer and a short string
    public const int Fire256String = 9;    // an integer and a 256-byte string
    public const int Fire6 = 10;           // six integers

    /// <summary>Names of the probes fired by the enabled-probe loops, by index; the tracer scripts attach to these.</summary>
    public static readonly string[] LoopProbeNames = ["fire2", "fire_str_short", "fire_str_256", "fire6"];

    // provider:name:argument codes (i = int32, l = int64, s = UTF-8 string), one line per probe.
    private const string Table =
        Provider + ":WovenReplicaSubject__PlaceOrder__entry:is\n" +
        Provider + ":WovenReplicaSubject__PlaceOrder__return:ils\n" +
        Provider + ":WovenReplicaSubject__Add__entry:ii\n" +
        Provider + ":WovenReplicaSubject__Add__return:ils\n" +
        Provider + ":WovenReplicaSubject__AddNoInlining__entry:ii\n" +
        Provider + ":WovenReplicaSubject__AddNoInlining__return:ils\n" +
        Provider + ":OrderPlaced:is\n" +
        Provider + ":fire2:ll\n" +
        Provider + ":fire_str_short:ls\n" +
        Provider + ":fire_str_256:ls\n" +
        Provider + ":fire6:llllll";

    public static readonly nint Semaphores;
    public static readonly nint Stubs;
    public static readonly ProbeRegistration Registration;

    // An explicit static constructor (no beforefieldinit), as the weaver emits: registration
    // runs exactly once, before the first probe site reads a field.
    static ReplicaProbeTable()
    {
        Registration = WovenProbes.Register(Table, "Usdt.Benchmarks");
        Semaphores = Registration.SemaphoreBase;
        Stubs = Registration.StubBase;
    }
}
