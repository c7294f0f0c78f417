using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Usdt.Platform;

namespace Usdt.Registration;

/// <summary>
/// The process-wide entry to registration: serializes it, never lets an exception out,
/// records every outcome for <see cref="UsdtDiagnostics"/>, and prints it when asked to.
/// </summary>
internal static class ProbeRegistry
{
#if NET9_0_OR_GREATER
    // Lock, which System.Runtime.dll exposes: an object's monitor is System.Threading.Monitor,
    // and loading its facade (System.Threading.dll) cost 0.4 ms of a registration that is the
    // first thing a process does.
    private static readonly System.Threading.Lock s_lock = new();
#else
    private static readonly object s_lock = new();
#endif
    private static readonly List<ProbeRegistration> s_registrations = [];
    private static UsdtSettings? s_settings;
    private static IProbeBackend? s_backend;

    public static IReadOnlyList<ProbeRegistration> Registrations
    {
        get { lock (s_lock) return s_registrations.ToArray(); }
    }

    public static ProbeRegistration Register(ProbeSet probes, string label, ModuleLibrary? module = null)
    {
        lock (s_lock)
        {
            s_settings ??= ReadSettings();
            s_backend ??= CreateBackend(s_settings);
            return Register(s_backend, probes, label, module, s_settings.Diagnostics);
        }
    }

    /// <summary>Registers through a given backend (tests use this to simulate platforms and faults).</summary>
    public static ProbeRegistration Register(IProbeBackend backend, ProbeSet probes, string label, ModuleLibrary? module = null, bool printDiagnostics = false)
    {
        LoadedProbes loaded;
        try
        {
            loaded = probes.Count == 0 ? LoadedProbes.Failed("no probes to register") : backend.Load(probes, label, module);
        }
        catch (MalformedProbesException e)
        {
            loaded = LoadedProbes.Failed(e.Message);
        }
        catch (Exception e)
        {
            loaded = LoadedProbes.Failed($"{e.GetType().Name}: {e.Message}");
        }

        // An inactive registration still hands out a semaphore address: zeroed memory that
        // nothing ever writes, so probe sites read "disabled" without a null check.
        nint semaphores = loaded.Placement == ProbePlacement.None ? ZeroedSemaphores(probes.Count) : loaded.SemaphoreBase;
        var registration = new ProbeRegistration(label, probes.Count, semaphores, loaded.StubBase,
            loaded.Placement, loaded.LibraryPath, loaded.Reason);

        lock (s_lock)
            s_registrations.Add(registration);
        if (printDiagnostics)
            Console.Error.WriteLine($"usdt: {registration}");
        return registration;
    }

    // Room for one 4-byte read past the last probe too: a site checks a method's entry and
    // return semaphores with one read.
    private static unsafe nint ZeroedSemaphores(int count) =>
        (nint)NativeMemory.AllocZeroed((nuint)Math.Max(count, 1) + 1, ProbeRegistration.SemaphoreStride);

    private static UsdtSettings ReadSettings()
    {
        try { return UsdtSettings.FromEnvironment(); }
        catch (Exception) { return UsdtSettings.Default; }
    }

    private static IProbeBackend CreateBackend(UsdtSettings settings)
    {
        try { return ProbeBackends.ForCurrentProcess(settings); }
        catch (Exception e) { return new UnsupportedBackend($"no probe backend: {e.Message}"); }
    }
}
