using System;
using System.Collections.Generic;
using Usdt;

namespace AssemblyToProcess.Shapes;

/// <summary>Properties: auto, expression-bodied, with bodies, indexers, static, init-only.</summary>
[Probe]
public class Thermostat
{
    private readonly Dictionary<string, double> _rooms = [];
    private double _target = 20;

    public double Target
    {
        get => _target;
        set
        {
            if (value is < 5 or > 35)
                throw new ArgumentOutOfRangeException(nameof(value), value, "out of range");
            _target = value;
        }
    }

    public string Mode { get; set; } = "auto";

    public string Label { get; init; } = "main";

    public bool IsHeating => _target > 21;

    public double this[string room]
    {
        get => _rooms.TryGetValue(room, out double t) ? t : double.NaN;
        set => _rooms[room] = value;
    }

    public static int Instances { get; private set; }

    public Thermostat() => Instances++;
}

/// <summary>Property-level [Probe] and [NoProbe] inside types that say otherwise.</summary>
public class PropertyScopes
{
    [Probe]
    public int Probed { get; set; }

    public int NotProbed { get; set; }

    [Probe]
    public int GetterOnly => Probed + 1;
}
