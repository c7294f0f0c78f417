using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
    // An array grown by hand, not a list: see RegistrationReasons.
    private static ProbeRegistration[] s_registrations = new ProbeRegistration[4];
    private static int s_count;
    private static UsdtSettings? s_settings;
    private static IProbeBackend? s_backend;

    public static IReadOnlyList<ProbeRegistration> Registrations
    {
        get
        {
            lock (s_lock)
                return s_registrations.AsSpan(0, s_count).ToArray();
        }
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
        {
            if (s_count == s_registrations.Length)
                Array.Resize(ref s_registrations, 2 * s_count);
            s_registrations[s_count++] = registration;
        }
        if (printDiagnostics)
            Print(registration);
        return registration;
    }

    /// <summary>Kept apart, never inlined: compiling a call to Console loads System.Console.dll, which a registration that prints nothing does not need.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Print(ProbeRegistration registration) => Console.Error.WriteLine($"usdt: {registration}");

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
