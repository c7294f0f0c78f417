using System;
using Usdt;

namespace AssemblyToProcess.StaticProbes;

/// <summary>Hand-placed static probes: each empty method is a probe of provider "smokeshop".</summary>
[ProbeProvider("smokeshop")]
public static class ShopProbes
{
    public static void OrderPlaced(int orderId, string sku) { }

    public static void CacheMiss(string key) { }

    public static void Tick() { }

    public static void Everything(long id, bool flag, char letter, double amount, DateTime when, TimeSpan took, Guid request, Kind kind) { }

    public static void Twelve(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12) { }

    public static bool IsOrderPlacedEnabled => false;

    public static bool IsCacheMissEnabled => false;
}

public enum Kind : short { Retail = 1, Wholesale = -2 }

/// <summary>What a program does around its static probes: compute costly arguments only while traced.</summary>
public static class Shop
{
    public static int CostlyArguments;

    public static void PlaceOrder(int orderId, string sku)
    {
        if (ShopProbes.IsOrderPlacedEnabled)
        {
            CostlyArguments++;
            ShopProbes.OrderPlaced(orderId, sku.ToUpperInvariant());
        }
        ShopProbes.Tick();
    }
}
