using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using Usdt.Contract;
using Usdt.Platform;
using Usdt.Registration;

namespace Usdt.Weaving;

/// <summary>
/// The registration entry point of woven modules. The weaver generates, per module, a
/// probe table class whose static constructor calls <see cref="Register(string, string, RuntimeTypeHandle, string)"/>
/// and keeps <see cref="ProbeRegistration.SemaphoreBase"/> and <see cref="ProbeRegistration.StubBase"/>
/// in <c>static readonly</c> fields, which tier-1 JIT folds into constants: a disabled
/// probe site becomes one compare of a 2-byte word at a constant address, and a branch.
/// </summary>
/// <remarks>
/// Layout contract shared with the weaver: probe <c>i</c> of the table has its semaphore
/// at <c>SemaphoreBase + ProbeRegistration.SemaphoreStride * i</c> and its stub at
/// <c>StubBase + ProbeRegistration.StubStride * i</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WovenProbes
{
    /// <summary>
    /// Registers a woven module's probes, from the probe library the build wrote beside
    /// its assembly when that library fits the table, else from one generated now. Never throws.
    /// </summary>
    /// <param name="table">One line per probe, <c>provider:name:codes</c>, one code per argument
    /// (<c>b B h H i I l L</c> for signed and unsigned 8/16/32/64-bit integers, <c>s</c> for a
    /// UTF-8 string pointer, <c>x</c> for an unsupported slot).</param>
    /// <param name="label">The module's name, for diagnostics.</param>
    /// <param name="anchor">A type of the woven module (<c>ldtoken</c>): its assembly's location says where the built libraries are.</param>
    /// <param name="assemblyStem">The assembly's file name without extension, which the library names start with.</param>
    public static ProbeRegistration Register(string table, string label, RuntimeTypeHandle anchor, string assemblyStem)
    {
        ModuleLibrary? module;
        try { module = new ModuleLibrary(assemblyStem, SearchDirectories(Type.GetTypeFromHandle(anchor)!.Assembly)); }
        catch (Exception) { module = null; }
        return Register(table, label, module);
    }

    /// <summary>
    /// Registers a module's method names for the generic <c>dotnet:method__entry</c> and
    /// <c>method__return</c> probes, and the process-wide pair itself on first use. The names
    /// (<paramref name="length"/> bytes of NUL-terminated UTF-8 at <paramref name="names"/>, in
    /// the module's image) are copied to memory of their own followed by zero bytes, so a tracer
    /// may read ahead of any of them (<see cref="MethodProbes.ReadAhead"/>) and finds the pages
    /// present. Never throws.
    /// </summary>
    /// <param name="names">The module's name table.</param>
    /// <param name="length">Its size in bytes.</param>
    /// <param name="anchor">A type of the woven module: the pair's built library is looked for beside its assembly.</param>
    /// <param name="assemblyStem">The assembly's file name without extension.</param>
    public static unsafe MethodProbeRegistration RegisterMethodNames(byte* names, int length, RuntimeTypeHandle anchor, string assemblyStem)
    {
        nint copy = 0;
        ProbeRegistration pair;
        try
        {
            copy = (nint)NativeMemory.AllocZeroed((nuint)length + MethodProbes.ReadAhead);
            Buffer.MemoryCopy(names, (void*)copy, length, length);
            pair = MethodProbePair.Get(new ModuleLibrary(assemblyStem, SearchDirectories(Type.GetTypeFromHandle(anchor)!.Assembly)));
        }
        catch (Exception e)
        {
            pair = ProbeRegistry.Register(new UnsupportedBackend($"method names not registered: {e.Message}"),
                ProbeSet.Of(MethodProbes.Pair), MethodProbes.LibraryStem);
        }
        return new MethodProbeRegistration(copy, pair);
    }

    /// <summary>
    /// Registers a module woven by Usdt.Fody 0.1, which built no library: the library is
    /// generated now. Kept so that such modules keep loading with a newer runtime. Never throws.
    /// </summary>
    public static ProbeRegistration Register(string table, string label) => Register(table, label, module: null);

    /// <summary>Registers a table whose built libraries, if any, are described by <paramref name="module"/>.</summary>
    internal static ProbeRegistration Register(string table, string label, ModuleLibrary? module)
    {
        table ??= "";
        int count = ProbeTableParser.CountLines(table);
        ProbeSpec? first = null;
        if (count > 0 && !ProbeTableParser.TryParseFirst(table, out first, out string? error))
        {
            // Probe sites index the semaphores by table line, so the disabled registration
            // must cover every line, not only those parsed before the error.
            return ProbeRegistry.Register(new UnsupportedBackend($"malformed probe table: line 1: {error}"),
                new ProbeSet(count, 0, "", "", () => []), label, module);
        }
        var probes = new ProbeSet(count, ProbeTableText.Hash(table), first?.Provider ?? "", first?.Name ?? "", () =>
            ProbeTableParser.TryParse(table, out List<ProbeSpec> all, out string? problem)
                ? all : throw new MalformedProbesException($"malformed probe table: {problem}"));
        return ProbeRegistry.Register(probes, label, module);
    }

    /// <summary>
    /// Where a module's built libraries may be, nearest first: beside its assembly; the
    /// application's directory (single-file and Native AOT applications have no assembly
    /// files, and keep the libraries beside the executable); the native library directories
    /// the host resolved from the application's dependencies (a woven library's package puts
    /// them under <c>runtimes/RID/native/</c>).
    /// </summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000",
        Justification = "Location is empty in single-file and Native AOT applications: AppContext.BaseDirectory, the next candidate, is where their libraries are.")]
    private static string[] SearchDirectories(Assembly assembly)
    {
        // An array filled by hand, not a list: registration may be the first thing a process
        // does, and a list's first use loads System.Collections.dll (RegistrationReasons).
        string? native = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string;
        var directories = new string[2 + (native is null ? 0 : Count(native, Path.PathSeparator) + 1)];
        int count = 0;
        void Add(string? directory)
        {
            if (string.IsNullOrEmpty(directory))
                return;
            directory = Path.TrimEndingDirectorySeparator(directory);
            for (int i = 0; i < count; i++)
            {
                if (directories[i] == directory)
                    return;
            }
            directories[count++] = directory;
        }
        Add(Path.GetDirectoryName(assembly.Location));
        Add(AppContext.BaseDirectory);
        for (int start = 0; native is not null && start <= native.Length; )
        {
            int end = native.IndexOf(Path.PathSeparator, start);
            if (end < 0)
                end = native.Length;
            Add(native.Substring(start, end - start));
            start = end + 1;
        }
        Array.Resize(ref directories, count);
        return directories;
    }

    private static int Count(string text, char character)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (c == character)
                count++;
        }
        return count;
    }
}
