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
/// Where glibc 2.34 or later holds dlsym and dlopen in libc.so.6, one P/Invoke to that exact
/// file name finds dlsym, and dlsym finds the rest. Elsewhere (musl, whose C library has
/// another name; older glibc, whose dlsym and dlopen live in libdl) every lookup and load
/// goes through <see cref="NativeLibrary"/>, as the framework itself does it.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static unsafe class DynamicLinker
{
    // dlfcn.h, the same on glibc and musl: the global scope, and binding on first call.
    private const nint RTLD_DEFAULT = 0;
    private const int RTLD_LAZY = 1;

    // Symbol names are C identifiers; library paths get PATH_MAX.
    private const int MaxSymbolBytes = 256;

    private static bool s_decided;
    private static delegate* unmanaged<nint, byte*, nint> s_dlsym;
    private static delegate* unmanaged<byte*, int, nint> s_dlopen;

    /// <summary>The address of <paramref name="name"/> among the process's global symbols; throws EntryPointNotFoundException when there is none, as a P/Invoke would.</summary>
    public static nint Symbol(string name)
    {
        if (!IsDirect())
            return Framework.Symbol(name);
        return Symbol(RTLD_DEFAULT, name) is var address and not 0 ? address : throw new EntryPointNotFoundException($"no symbol {name} in the process");
    }

    /// <summary>The address of <paramref name="name"/> in the library <paramref name="handle"/> (or what it loaded); 0 when there is none.</summary>
    public static nint Symbol(nint handle, string name)
    {
        if (!IsDirect())
            return Framework.Symbol(handle, name);
        byte* text = stackalloc byte[MaxSymbolBytes];
        return NulTerminatedUtf8.TryEncode(name, new Span<byte>(text, MaxSymbolBytes)) ? s_dlsym(handle, text) : 0;
    }

    /// <summary>dlopen: the library's handle, 0 when it cannot be loaded.</summary>
    public static nint Open(string path)
    {
        if (!IsDirect())
            return Framework.Open(path);
        byte* text = stackalloc byte[NulTerminatedUtf8.MaxBytes];
        return NulTerminatedUtf8.TryEncode(path, new Span<byte>(text, NulTerminatedUtf8.MaxBytes)) ? s_dlopen(text, RTLD_LAZY) : 0;
    }

    /// <summary>Whether lookups and loads bypass <see cref="NativeLibrary"/> in this process (for tests).</summary>
    internal static bool IsDirect()
    {
        // A race decides the same way twice: harmless.
        if (!s_decided)
        {
            nint dlsym = GlibcDlsym();
            if (dlsym != 0)
            {
                s_dlsym = (delegate* unmanaged<nint, byte*, nint>)dlsym;
                byte* name = stackalloc byte[] { (byte)'d', (byte)'l', (byte)'o', (byte)'p', (byte)'e', (byte)'n', 0 };
                s_dlopen = (delegate* unmanaged<byte*, int, nint>)s_dlsym(RTLD_DEFAULT, name);
            }
            s_decided = true;
        }
        // Both checked: on a processor that reorders stores, another thread may see one first.
        return s_dlopen != null && s_dlsym != null;
    }

    private static nint GlibcDlsym()
    {
        // musl's C library has another name: skip the failed load and its exception there
        // (linux-musl-x64 for Microsoft's builds, alpine.3.N-x64 for Alpine's own).
        string runtime = RuntimeInformation.RuntimeIdentifier;
        if (runtime.StartsWith("linux-musl", StringComparison.Ordinal) || runtime.StartsWith("alpine", StringComparison.Ordinal))
            return 0;
        byte* name = stackalloc byte[] { (byte)'d', (byte)'l', (byte)'s', (byte)'y', (byte)'m', 0 };
        // TypeLoadException: the base of DllNotFoundException and EntryPointNotFoundException;
        // naming the first would load the System.Runtime.InteropServices facade.
        try { return LibcSoDlsym(RTLD_DEFAULT, name); }
        catch (TypeLoadException) { return 0; }
    }

    // The exact file name, nothing probed beside the application (SafeDirectories leaves the
    // assembly's own directory out).
    [DllImport("libc.so.6", EntryPoint = "dlsym", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint LibcSoDlsym(nint handle, byte* name);

    /// <summary>
    /// The same through <see cref="NativeLibrary"/>. A class of its own: compiling code that
    /// names NativeLibrary loads <c>System.Runtime.InteropServices</c>, which only this path needs.
    /// </summary>
    internal static class Framework
    {
        public static nint Symbol(string name) => NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), name);

        public static nint Symbol(nint handle, string name) => NativeLibrary.TryGetExport(handle, name, out nint address) ? address : 0;

        public static nint Open(string path) => NativeLibrary.TryLoad(path, out nint handle) ? handle : 0;
    }
}
