using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Usdt.Firing;

/// <summary>
/// Calls a probe's stub with its arguments, each widened to 64 bits (sign-extended for
/// signed kinds, zero-extended otherwise), so the registers hold exactly what the SDT
/// argument spec tells the tracer to read. Woven probe sites call these only after the
/// probe's semaphore read non-zero; the stub is a no-op unless a tracer put a uprobe on it.
/// </summary>
/// <remarks>
/// The stub never blocks, allocates or calls back into .NET, which is what
/// <c>SuppressGCTransition</c> requires and what makes the call a plain <c>call</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class ProbeFire
{
#pragma warning disable CS1591 // One method per arity; the class comment says it all.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire0(nint stub) =>
        ((delegate* unmanaged[SuppressGCTransition]<void>)stub)();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire1(nint stub, long a0) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, void>)stub)(a0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire2(nint stub, long a0, long a1) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, void>)stub)(a0, a1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire3(nint stub, long a0, long a1, long a2) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, void>)stub)(a0, a1, a2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire4(nint stub, long a0, long a1, long a2, long a3) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, void>)stub)(a0, a1, a2, a3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire5(nint stub, long a0, long a1, long a2, long a3, long a4) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, void>)stub)(a0, a1, a2, a3, a4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire6(nint stub, long a0, long a1, long a2, long a3, long a4, long a5) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, void>)stub)(a0, a1, a2, a3, a4, a5);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire7(nint stub, long a0, long a1, long a2, long a3, long a4, long a5, long a6) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, void>)stub)(a0, a1, a2, a3, a4, a5, a6);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire8(nint stub, long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long, void>)stub)(a0, a1, a2, a3, a4, a5, a6, a7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire9(nint stub, long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7, long a8) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long, long, void>)stub)(a0, a1, a2, a3, a4, a5, a6, a7, a8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire10(nint stub, long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7, long a8, long a9) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long, long, long, void>)stub)(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire11(nint stub, long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7, long a8, long a9, long a10) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long, long, long, long, void>)stub)(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire12(nint stub, long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7, long a8, long a9, long a10, long a11) =>
        ((delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long, long, long, long, long, void>)stub)(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
#pragma warning restore CS1591

    /// <summary>
    /// Fires <c>dotnet:method__entry</c> or <c>method__return</c> as HotSpot lays them out: the
    /// managed thread id (HotSpot passes its own thread id too), then class, method and
    /// signature as pointer and byte length.
    /// </summary>
    public static void Method(nint stub, nint className, int classLength, nint methodName, int methodLength, nint signature, int signatureLength) =>
        Fire7(stub, Environment.CurrentManagedThreadId, className, classLength, methodName, methodLength, signature, signatureLength);
}
