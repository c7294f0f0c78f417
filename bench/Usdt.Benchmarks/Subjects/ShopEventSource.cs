using System.Diagnostics.Tracing;

namespace Usdt.Benchmarks.Subjects;

/// <summary>The .NET event a user would write instead of a probe: an <see cref="EventSource"/> nobody listens to.</summary>
[EventSource(Name = "UsdtBench-Shop")]
internal sealed class ShopEventSource : EventSource
{
    public static readonly ShopEventSource Log = new();

    [Event(1, Level = EventLevel.Informational)]
    public void OrderPlaced(int orderId, string sku) => WriteEvent(1, orderId, sku);
}
