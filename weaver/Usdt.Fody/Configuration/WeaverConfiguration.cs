using System.Collections.Generic;

namespace Usdt.Fody.Configuration;

/// <summary>The <c>&lt;Usdt&gt;</c> element of FodyWeavers.xml, validated.</summary>
internal sealed class WeaverConfiguration
{
    public const int DefaultStringLimit = 256;
    public const int MaxStringLimit = 4096;

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

    public List<SelectionRule> Includes { get; } = [];

    public List<SelectionRule> Excludes { get; } = [];
}
