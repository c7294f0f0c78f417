using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Usdt.Benchmarks.Subjects;

/// <summary>The method body with a Debug-level log call while the application logs at Information and above.</summary>
internal static class LoggingSubject
{
    private static readonly ILoggerFactory s_factory = LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddProvider(new DiscardLoggerProvider()));

    private static readonly ILogger s_logger = s_factory.CreateLogger("Shop.OrderService");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrder(int quantity, string sku)
    {
        int result = Workload.Body(quantity, sku);
        ShopLog.OrderPlaced(s_logger, result, sku);
        return result;
    }
}
