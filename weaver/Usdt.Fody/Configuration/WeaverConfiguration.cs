using System.Collections.Generic;

namespace Usdt.Fody.Configuration;

/// <summary>The <c>&lt;Usdt&gt;</c> element of FodyWeavers.xml, validated.</summary>
internal sealed class WeaverConfiguration
{
    public const int DefaultStringLimit = 256;
    public const int MaxStringLimit = 4096;

    /// <summary>
    /// IL bytes up to which a method selected by a wide scope is left unprobed: the JIT
    /// inlines methods this small, and a probe there costs more than the method (the
    /// wholesale measurements in bench/RESULTS.md chose 64).
    /// </summary>
    public const int DefaultMinMethodBytes = 64;
    public const int MaxMinMethodBytes = 100_000;

    /// <summary>Provider name, when configured (else the assembly attribute or the assembly name decides).</summary>
    public string? Provider { get; set; }

    /// <summary>Byte limit of string arguments, without the terminating NUL.</summary>
    public int StringLimit { get; set; } = DefaultStringLimit;

    /// <summary>Inject <c>__entry</c> probes.</summary>
    public bool Entry { get; set; } = true;

    /// <summary>Inject <c>__return</c> probes.</summary>
    public bool Return { get; set; } = true;

    /// <summary>Let type-, module-, assembly- and configuration-level selection include constructors.</summary>
    public bool Constructors { get; set; } = true;

    /// <summary>Let type-, module-, assembly- and configuration-level selection include property accessors.</summary>
    public bool Properties { get; set; } = true;

    /// <summary>Methods of at most this many IL bytes are not probed by wide selection; 0 probes them all.</summary>
    public int MinMethodBytes { get; set; } = DefaultMinMethodBytes;

    /// <summary>Woven methods also report through the process-wide <c>dotnet:method__entry</c>/<c>method__return</c> pair.</summary>
    public bool GenericProbes { get; set; }

    public List<SelectionRule> Includes { get; } = [];

    public List<SelectionRule> Excludes { get; } = [];
}
