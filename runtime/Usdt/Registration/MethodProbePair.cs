using Usdt.Contract;
using Usdt.Platform;

namespace Usdt.Registration;

/// <summary>
/// The process-wide <c>dotnet:method__entry</c>/<c>method__return</c> pair
/// (<see cref="MethodProbes"/>): registered once, by the first woven module that reports
/// through it, from the <c>dotnet-methods</c> library built beside that module when it fits,
/// else from one generated now. Every module's sites then call the same two stubs.
/// </summary>
internal static class MethodProbePair
{
#if NET9_0_OR_GREATER
    private static readonly System.Threading.Lock s_lock = new(); // as ProbeRegistry's, for the same reason
#else
    private static readonly object s_lock = new();
#endif
    private static ProbeRegistration? s_registration;

    public static ProbeRegistration Get(ModuleLibrary? requester)
    {
        lock (s_lock)
        {
            return s_registration ??= ProbeRegistry.Register(ProbeSet.Of(MethodProbes.Pair), MethodProbes.LibraryStem,
                requester is null ? null : new ModuleLibrary(MethodProbes.LibraryStem, requester.Directories));
        }
    }
}
