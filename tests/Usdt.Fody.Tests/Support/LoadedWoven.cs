using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Usdt.Tests.Tracers;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// A woven assembly loaded in a context of its own, with its module initializer run: its
/// probes are registered and its generated ELF library is on disk for tracers.
/// </summary>
internal sealed class LoadedWoven
{
    private static readonly object s_loadLock = new();
    private static int s_copies;
    private IReadOnlyList<SdtNote>? _notes;

    private LoadedWoven(AssemblyLoadContext context, Assembly assembly, ProbeRegistration registration)
    {
        Context = context;
        Assembly = assembly;
        Registration = registration;
    }

    public Assembly Assembly { get; }

    /// <summary>The context the woven assembly lives in (load what uses it here too).</summary>
    public AssemblyLoadContext Context { get; }

    public ProbeRegistration Registration { get; }

    /// <summary>The path a tracer attaches to.</summary>
    public string LibraryPath => Registration.LibraryPath ?? throw new InvalidOperationException($"probes are not active: {Registration.Reason}");

    /// <param name="collectible">
    /// Load as the unwoven copy it is compared with is loaded: the runtime does not tier
    /// code of collectible assemblies (it compiles it optimised at once), so inlining, and
    /// with it the top frame of a stack trace, depends on collectibility.
    /// </param>
    /// <param name="withBuiltLibrary">
    /// Load it where the weaver wrote it, beside the probe libraries it built, which the runtime
    /// then maps. Copies of one assembly loaded so share that library, and with it their
    /// semaphores (the dynamic loader maps a file once per process), so by default each load
    /// gets a copy of the assembly in a directory of its own, and a library generated for it alone.
    /// </param>
    public static LoadedWoven Load(string wovenPath, IReadOnlyDictionary<string, string>? otherPaths = null, string? directory = null,
        bool collectible = false, bool withBuiltLibrary = false)
    {
        lock (s_loadLock)
        {
            string dependencies = directory ?? System.IO.Path.GetDirectoryName(wovenPath)!;
            string path = withBuiltLibrary ? wovenPath : Alone(wovenPath);
            var context = new IsolatedLoadContext("woven " + path, dependencies, otherPaths, collectible);
            Assembly assembly = context.LoadFromAssemblyPath(path);
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            // Other tests may load copies of the same assembly (same label) at the same time:
            // the registration of this copy is the one whose semaphores its probe table holds.
            var semaphores = (nint)assembly.GetType("<UsdtProbes>", throwOnError: true)!
                .GetField("Semaphores", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;
            ProbeRegistration registration = UsdtDiagnostics.Registrations.Single(r => r.SemaphoreBase == semaphores);
            return new LoadedWoven(context, assembly, registration);
        }
    }

    /// <summary>A copy of <paramref name="wovenPath"/> (and its symbols) in a new directory beside it.</summary>
    private static string Alone(string wovenPath)
    {
        string directory = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(wovenPath)!, $"loaded-{System.Environment.ProcessId}-{++s_copies}");
        System.IO.Directory.CreateDirectory(directory);
        string copy = System.IO.Path.Combine(directory, System.IO.Path.GetFileName(wovenPath));
        System.IO.File.Copy(wovenPath, copy);
        string symbols = System.IO.Path.ChangeExtension(wovenPath, ".pdb");
        if (System.IO.File.Exists(symbols))
            System.IO.File.Copy(symbols, System.IO.Path.ChangeExtension(copy, ".pdb"));
        return copy;
    }

    /// <summary>The SDT notes of the loaded library, as binutils' readelf reads them.</summary>
    public IReadOnlyList<SdtNote> Notes => _notes ??= Readelf.Notes(LibraryPath);

    public SdtNote Note(string provider, string name) =>
        Notes.SingleOrDefault(n => n.Provider == provider && n.Name == name)
        ?? throw new InvalidOperationException($"no probe {provider}:{name} in {LibraryPath}; it has {string.Join(", ", Notes.Select(n => n.Name))}");

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    public object? Invoke(string typeName, string method, params object?[] arguments) =>
        InvokeOn(Type(typeName), null, method, arguments);

    public static object? InvokeOn(Type type, object? instance, string method, params object?[] arguments)
    {
        MethodInfo target = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == method && m.GetParameters().Length == arguments.Length);
        try
        {
            return target.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
