using System.Collections.Generic;

namespace DotnetUsdt.Bpftrace;

/// <summary>A generated bpftrace program and the settings it needs to run.</summary>
internal sealed class BpftraceProgram
{
    public BpftraceProgram(string text, int stringLength, int maxProbes, IReadOnlyList<RecordLayout> layouts)
    {
        Text = text;
        StringLength = stringLength;
        MaxProbes = maxProbes;
        Layouts = layouts;
    }

    public string Text { get; }

    /// <summary>BPFTRACE_STRLEN: bytes <c>str()</c> reads.</summary>
    public int StringLength { get; }

    /// <summary>BPFTRACE_MAX_PROBES: bpftrace refuses more than 512 probes unless told.</summary>
    public int MaxProbes { get; }

    /// <summary>The output line of probe <c>i</c> of the selection.</summary>
    public IReadOnlyList<RecordLayout> Layouts { get; }

    /// <summary>The line BEGIN prints: bpftrace runs BEGIN only once every probe is attached.</summary>
    public const string ReadyLine = "dotnet-usdt: all probes attached; Ctrl+C to stop";

    /// <summary>The environment to run it with.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["BPFTRACE_STRLEN"] = StringLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BPFTRACE_MAX_PROBES"] = MaxProbes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
