extern alias woven;
extern alias wovengeneric;
using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WovenOrderService = woven::Usdt.Benchmarks.Subjects.OrderService;
using WovenShopProbes = woven::Usdt.Benchmarks.Woven.ShopProbes;
using GenericOrderService = wovengeneric::Usdt.Benchmarks.Subjects.OrderService;

namespace Usdt.Benchmarks.Subjects;

/// <summary>
/// The subjects woven by the real weaver (bench/Usdt.Benchmarks.Woven, and
/// bench/Usdt.Benchmarks.WovenGeneric with the generic pair on): their registrations, a
/// check that the weaver really probed them, and the semaphores of their static probes.
/// </summary>
internal static class WovenSubjects
{
    public const string Provider = "usdtbenchwoven";
    private const string Label = "Usdt.Benchmarks.Woven";
    private const string GenericLabel = "Usdt.Benchmarks.WovenGeneric";

    /// <summary>The woven module's registration (registered as the module loads).</summary>
    public static ProbeRegistration Registration
    {
        get
        {
            _ = WovenShopProbes.IsFire2Enabled; // runs the module initializer, which registers
            return Find(Label);
        }
    }

    /// <summary>
    /// Throws unless both woven copies of <see cref="OrderService"/> carry probe sites and their
    /// probes are registered: a configuration that left them unprobed (the size rule of a wide
    /// selection, say) would otherwise be measured as "woven" while running the unwoven code.
    /// </summary>
    public static void EnsureProbed()
    {
        foreach ((Type woven, string label) in new[] { (typeof(WovenOrderService), Label), (typeof(GenericOrderService), GenericLabel) })
        {
            foreach (string method in new[] { nameof(OrderService.PlaceOrder), nameof(OrderService.Checkout), nameof(OrderService.Add), nameof(OrderService.AddNoInlining) })
            {
                if (IlSize(woven, method) <= IlSize(typeof(OrderService), method))
                    throw new InvalidOperationException($"{woven.Assembly.GetName().Name}: {method} was not woven (its IL is no larger than the unwoven method's)");
            }
            RuntimeHelpers.RunModuleConstructor(woven.Module.ModuleHandle); // registers the module's probes
            ProbeRegistration registration = Find(label);
            if (!registration.IsActive)
                throw new InvalidOperationException($"{label}: probes not registered: {registration}");
        }
    }

    /// <summary>The address of a woven static probe's semaphore, looked up by its symbol in the module's library.</summary>
    public static nint Semaphore(string probe)
    {
        ProbeRegistration registration = Registration;
        if (registration.LibraryPath is not { } path)
            throw new InvalidOperationException($"{Label}: no probe library: {registration}");
        // Loading a library already loaded returns the same mapping.
        return NativeLibrary.GetExport(NativeLibrary.Load(path), $"{Provider}_{probe}_semaphore");
    }

    private static ProbeRegistration Find(string label) =>
        UsdtDiagnostics.Registrations.LastOrDefault(r => r.Label == label)
        ?? throw new InvalidOperationException($"{label}: no registration");

    private static int IlSize(Type type, string method) =>
        type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)?.GetMethodBody()?.GetILAsByteArray()?.Length
        ?? throw new InvalidOperationException($"{type.FullName}.{method} not found");
}
