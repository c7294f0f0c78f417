using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Usdt.Platform.Linux;

/// <summary>
/// The dynamic linker's interface (dlfcn.h): symbols among the process's global ones, and
/// libraries opened and searched by handle. Registration reaches the C library through it,
/// without P/Invoke marshalling and, on glibc, without <see cref="NativeLibrary"/>: the
/// first use of <c>System.Runtime.InteropServices</c> in a process (its facade assembly, the
/// library resolver) cost more than the whole check of a built library.
/// </summary>
/// <remarks>
/// dlsym itself is found once. On glibc 2.34 and later, where libc.so.6 holds dlsym, one
/// P/Invoke to that exact file name does it. Elsewhere (musl, whose C library has another
/// name; older glibc, whose dlsym lives in libdl) <see cref="NativeLibrary"/> finds it
/// among the symbols of the main program, which include the C library's wherever it is.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static unsafe class DynamicLinker
{
    // dlfcn.h, the same on glibc and musl: the global scope, and binding on first call.
    private const nint RTLD_DEFAULT = 0;
    private const int RTLD_LAZY = 1;

    // Symbol names are C identifiers; library paths get PATH_MAX.
    private const int MaxSymbolBytes = 256;

    private static delegate* unmanaged<nint, byte*, nint> s_dlsym;
    private static delegate* unmanaged<byte*, int, nint> s_dlopen;

    /// <summary>The address of <paramref name="name"/> among the process's global symbols; throws EntryPointNotFoundException when there is none, as a P/Invoke would.</summary>
    public static nint Symbol(string name) =>
        Symbol(RTLD_DEFAULT, name) is var address and not 0 ? address : throw new EntryPointNotFoundException($"no symbol {name} in the process");

    /// <summary>The address of <paramref name="name"/> in the library <paramref name="handle"/> (or what it loaded); 0 when there is none.</summary>
    public static nint Symbol(nint handle, string name)
    {
        byte* text = stackalloc byte[MaxSymbolBytes];
        if (!NulTerminatedUtf8.TryEncode(name, new Span<byte>(text, MaxSymbolBytes)))
            return 0;
        return DlSym()(handle, text);
    }

    /// <summary>dlopen: the library's handle, 0 when it cannot be loaded.</summary>
    public static nint Open(string path)
    {
        if (s_dlopen == null)
            s_dlopen = (delegate* unmanaged<byte*, int, nint>)Symbol("dlopen");
        byte* text = stackalloc byte[NulTerminatedUtf8.MaxBytes];
        if (!NulTerminatedUtf8.TryEncode(path, new Span<byte>(text, NulTerminatedUtf8.MaxBytes)))
            return 0;
        return s_dlopen(text, RTLD_LAZY);
    }

    /// <summary>Whether dlsym was found without <see cref="NativeLibrary"/> (for tests).</summary>
    internal static bool FoundThroughLibcSoname { get; private set; }

    private static delegate* unmanaged<nint, byte*, nint> DlSym()
    {
        // A race finds the same address twice: harmless.
        if (s_dlsym == null)
        {
            nint dlsym = FromLibcSoname();
            FoundThroughLibcSoname = dlsym != 0;
            s_dlsym = (delegate* unmanaged<nint, byte*, nint>)(dlsym != 0 ? dlsym : FromMainProgram());
        }
        return s_dlsym;
    }

    private static nint FromLibcSoname()
    {
        // musl's C library has another name: skip the failed load and its exception there
        // (linux-musl-x64 for Microsoft's builds, alpine.3.N-x64 for Alpine's own).
        string runtime = RuntimeInformation.RuntimeIdentifier;
        if (runtime.StartsWith("linux-musl", StringComparison.Ordinal) || runtime.StartsWith("alpine", StringComparison.Ordinal))
            return 0;
        byte* name = stackalloc byte[] { (byte)'d', (byte)'l', (byte)'s', (byte)'y', (byte)'m', 0 };
        // TypeLoadException: the base of DllNotFoundException and EntryPointNotFoundException;
        // naming the first would load the System.Runtime.InteropServices facade.
        try { return GlibcDlsym(RTLD_DEFAULT, name); }
        catch (TypeLoadException) { return 0; }
    }

    /// <summary>Kept apart: compiling it loads <c>System.Runtime.InteropServices</c>, which only this path needs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static nint FromMainProgram() => NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), "dlsym");

    // The exact file name, nothing probed beside the application (SafeDirectories leaves the
    // assembly's own directory out).
    [DllImport("libc.so.6", EntryPoint = "dlsym", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint GlibcDlsym(nint handle, byte* name);
}
