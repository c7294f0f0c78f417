using System;
using System.Collections.Generic;
using Usdt.Contract;
using Usdt.Platform;
using Usdt.Registration;

namespace Usdt;

/// <summary>
/// A USDT provider defined in code: add its probes, register it once, then fire them.
/// </summary>
/// <example>
/// <code>
/// var shop = new UsdtProvider("shop");
/// Probe placed = shop.AddProbe("order_placed", ProbeArgumentType.Int32, ProbeArgumentType.Utf8String);
/// shop.Register();
/// placed.Fire(orderId, sku);   // bpftrace -e 'usdt:*:shop:order_placed { printf("%d %s\n", arg0, str(arg1)); }'
/// </code>
/// </example>
public sealed class UsdtProvider
{
    private readonly List<Probe> _probes = [];
    private readonly HashSet<string> _names = [];
    private readonly object _lock = new();
    private int _stringLimit = ProbeLimits.DefaultStringLimit;

    /// <summary>Creates a provider.</summary>
    /// <param name="name">A C identifier of at most <see cref="ProbeLimits.MaxProviderNameLength"/> characters.</param>
    /// <exception cref="ArgumentException">The name is not a valid provider name.</exception>
    public UsdtProvider(string name)
    {
        if (!ProbeIdentifier.IsValid(name, ProbeLimits.MaxProviderNameLength))
            throw new ArgumentException(
                $"'{name}' is not a provider name: use a C identifier ([A-Za-z_][A-Za-z0-9_]*) of at most {ProbeLimits.MaxProviderNameLength} characters.",
                nameof(name));
        Name = name;
    }

    /// <summary>The provider name.</summary>
    public string Name { get; }

    /// <summary>
    /// Byte limit of string arguments (UTF-8, without the terminating NUL); longer text is
    /// cut on a character boundary. Set it before adding probes. Default <see cref="ProbeLimits.DefaultStringLimit"/>.
    /// </summary>
    public int StringLimit
    {
        get => _stringLimit;
        set
        {
            if (value < 1 || value > ProbeLimits.MaxStringLimit)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The string limit must be between 1 and {ProbeLimits.MaxStringLimit} bytes.");
            _stringLimit = value;
        }
    }

    /// <summary>The probes added so far.</summary>
    public IReadOnlyList<Probe> Probes
    {
        get { lock (_lock) return _probes.ToArray(); }
    }

    /// <summary>The registration, once <see cref="Register"/> ran.</summary>
    public ProbeRegistration? Registration { get; private set; }

    /// <summary>Adds a probe. Only before <see cref="Register"/>.</summary>
    /// <param name="name">A C identifier of at most <see cref="ProbeLimits.MaxProbeNameLength"/> characters, unique in this provider.</param>
    /// <param name="arguments">The argument kinds, at most <see cref="ProbeLimits.MaxArguments"/>.</param>
    /// <exception cref="ArgumentException">Invalid or duplicate name, or too many arguments.</exception>
    /// <exception cref="InvalidOperationException">The provider is already registered.</exception>
    public Probe AddProbe(string name, params ProbeArgumentType[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!ProbeIdentifier.IsValid(name, ProbeLimits.MaxProbeNameLength))
            throw new ArgumentException(
                $"'{name}' is not a probe name: use a C identifier of at most {ProbeLimits.MaxProbeNameLength} characters.", nameof(name));
        if (arguments.Length > ProbeLimits.MaxArguments)
            throw new ArgumentException($"A probe carries at most {ProbeLimits.MaxArguments} arguments; '{name}' has {arguments.Length}.", nameof(arguments));
        foreach (ProbeArgumentType type in arguments)
        {
            if (!Enum.IsDefined(type))
                throw new ArgumentException($"Unknown argument type {type} for probe '{name}'.", nameof(arguments));
        }

        lock (_lock)
        {
            if (Registration is not null)
                throw new InvalidOperationException($"Provider '{Name}' is already registered; add probes before Register().");
            if (!_names.Add(name))
                throw new ArgumentException($"Provider '{Name}' already has a probe named '{name}'.", nameof(name));
            var probe = new Probe(Name, name, (ProbeArgumentType[])arguments.Clone(), _stringLimit);
            _probes.Add(probe);
            return probe;
        }
    }

    /// <summary>
    /// Makes the probes visible to tracers. Never throws: when the platform, the
    /// environment or a sandbox prevents it, the registration says why
    /// (<see cref="ProbeRegistration.Reason"/>) and every probe stays disabled.
    /// Calling it again returns the first registration.
    /// </summary>
    public ProbeRegistration Register()
    {
        lock (_lock)
        {
            if (Registration is { } existing)
                return existing;
            ProbeRegistration registration = ProbeRegistry.Register(ProbeSet.Of(Specs()), Name);
            Bind(registration);
            return registration;
        }
    }

    /// <summary>The probes as the probe library describes them.</summary>
    internal ProbeSpec[] Specs()
    {
        lock (_lock)
        {
            var specs = new ProbeSpec[_probes.Count];
            for (int i = 0; i < specs.Length; i++)
                specs[i] = new ProbeSpec(Name, _probes[i].Name, _probes[i].Kinds);
            return specs;
        }
    }

    internal void Bind(ProbeRegistration registration)
    {
        for (int i = 0; i < _probes.Count; i++)
        {
            _probes[i].Bind(
                registration.SemaphoreBase + i * ProbeRegistration.SemaphoreStride,
                registration.IsActive ? registration.StubBase + i * ProbeRegistration.StubStride : 0);
        }
        Registration = registration;
    }
}
