using Microsoft.Extensions.Logging;

namespace Usdt.Benchmarks.Subjects;

/// <summary>Source-generated logging (the fastest ILogger path): the generated method checks IsEnabled first.</summary>
internal static partial class ShopLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Order placed: {OrderId} {Sku}")]
    public static partial void OrderPlaced(ILogger logger, int orderId, string sku);
}
