using System;
using System.Collections.Generic;
using Usdt.Contract;
using Usdt.Firing;

namespace Usdt;

/// <summary>
/// A probe defined with <see cref="UsdtProvider.AddProbe"/>. Check <see cref="IsEnabled"/>
/// (one read of the probe's semaphore) before computing costly arguments, then
/// <see cref="Fire()"/> it. Both are safe before registration and after a failed one:
/// the probe is then simply never enabled.
/// </summary>
public sealed unsafe class Probe
{
    // Until registration the semaphore is this never-written zero.
    private static readonly ushort* s_disabled = (ushort*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(2);

    private readonly ProbeArgumentType[] _arguments;
    private readonly int _stringLimit;
    private ushort* _semaphore = s_disabled;
    private nint _stub;

    internal Probe(string provider, string name, ProbeArgumentType[] arguments, int stringLimit)
    {
        Provider = provider;
        Name = name;
        _arguments = arguments;
        _stringLimit = stringLimit;
    }

    /// <summary>The provider name.</summary>
    public string Provider { get; }

    /// <summary>The probe name.</summary>
    public string Name { get; }

    /// <summary>The declared argument kinds, in order.</summary>
    public IReadOnlyList<ProbeArgumentType> Arguments => _arguments;

    /// <summary>The argument kinds as the probe contract names them (the same values).</summary>
    internal ArgumentKind[] Kinds => Array.ConvertAll(_arguments, type => (ArgumentKind)type);

    /// <summary>True while at least one tracer is attached to this probe.</summary>
    public bool IsEnabled => *_semaphore != 0;

    /// <summary>Address of the probe's 2-byte semaphore (zeroed memory when not registered).</summary>
    public nint SemaphoreAddress => (nint)_semaphore;

    /// <summary>Address of the probe's stub in the generated library; 0 when not registered.</summary>
    public nint StubAddress => _stub;

    internal void Bind(nint semaphore, nint stub)
    {
        _stub = stub;
        _semaphore = (ushort*)semaphore;
    }

    /// <summary>Fires the probe with no arguments.</summary>
    public void Fire() => Fire(ReadOnlySpan<ProbeArgument>.Empty);

    /// <summary>Fires the probe with one argument.</summary>
    public void Fire(ProbeArgument a0)
    {
        if (IsEnabled) Fire([a0]);
    }

    /// <summary>Fires the probe with two arguments.</summary>
    public void Fire(ProbeArgument a0, ProbeArgument a1)
    {
        if (IsEnabled) Fire([a0, a1]);
    }

    /// <summary>Fires the probe with three arguments.</summary>
    public void Fire(ProbeArgument a0, ProbeArgument a1, ProbeArgument a2)
    {
        if (IsEnabled) Fire([a0, a1, a2]);
    }

    /// <summary>
    /// Fires the probe with up to <see cref="ProbeLimits.MaxArguments"/> arguments. Missing
    /// declared arguments are passed as 0; arguments beyond the declared ones are ignored.
    /// Does nothing while no tracer is attached.
    /// </summary>
    public void Fire(params ReadOnlySpan<ProbeArgument> arguments)
    {
        nint stub = _stub;
        if (stub == 0 || !IsEnabled)
            return;
        Span<long> words = stackalloc long[_arguments.Length];
        for (int i = 0; i < words.Length; i++)
            words[i] = i < arguments.Length ? arguments[i].ToWord(i, _stringLimit) : 0;
        StubCall.Invoke(stub, words);
    }
}
