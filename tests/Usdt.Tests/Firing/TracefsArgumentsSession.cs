using System;
using System.Collections.Generic;
using System.Linq;
using Usdt.Tests.Tracers;
using K = Usdt.ProbeArgumentType;

namespace Usdt.Tests.Firing;

/// <summary>
/// One tracefs instance with a uprobe on each probe below, defined from the probe's note as
/// readelf prints it (address, semaphore offset, argument spec), so the kernel reads the
/// arguments exactly where the note says: twelve of them, six in registers and six on the
/// stack. <see cref="TracefsArgumentTests"/> checks the events.
/// </summary>
public sealed class TracefsArgumentsSession
{
    public static readonly K[] TwelveKinds =
        [K.Int8, K.UInt8, K.Int16, K.UInt16, K.Int32, K.UInt32, K.Int64, K.UInt64, K.Int8, K.UInt16, K.Int32, K.UInt64];

    public static readonly ProbeArgument[] TwelveMinimum =
        [sbyte.MinValue, byte.MinValue, short.MinValue, ushort.MinValue, int.MinValue, uint.MinValue, long.MinValue, ulong.MinValue, (sbyte)-1, (ushort)0, int.MinValue, 0UL];

    public static readonly ProbeArgument[] TwelveMaximum =
        [sbyte.MaxValue, byte.MaxValue, short.MaxValue, ushort.MaxValue, int.MaxValue, uint.MaxValue, long.MaxValue, ulong.MaxValue, sbyte.MaxValue, ushort.MaxValue, int.MaxValue, ulong.MaxValue];

    /// <summary>
    /// Texts of the twelve-string probe: arguments 6..11 travel on the stack. Null stays
    /// null; the long ones cross the default limit of 256 bytes with a multi-byte
    /// character across the boundary.
    /// </summary>
    public static readonly string?[] Texts =
    [
        "", "héllo wörld € 😀", null, new string('a', 255) + "é" + new string('b', 40), new string('c', 256) + "d", "x",
        "ñandú 🦆 €", null, "", new string('e', 254) + "😀tail", "stack", new string('z', 256),
    ];

    public TracefsArgumentsSession()
    {
        Skipped = TracerRequirements.Tracefs() ?? TracerRequirements.Readelf();
        if (Skipped is not null)
            return;

        var provider = new UsdtProvider(UniqueNames.Next("tfs"));
        Probe twelve = provider.AddProbe("twelve", TwelveKinds);
        Probe texts = provider.AddProbe("texts", Enumerable.Repeat(K.Utf8String, 12).ToArray());
        ProbeRegistration registration = provider.Register();
        if (!registration.IsActive)
            throw new InvalidOperationException($"registration failed: {registration}");
        string path = registration.LibraryPath!;
        var notes = SdtNotes.ByName(path);

        using var tracefs = new TracefsSession();
        UprobeEvent twelveEvent = tracefs.AddSdtProbe(path, notes["twelve"]);
        UprobeEvent textsEvent = tracefs.AddSdtProbe(path, notes["texts"], stringArguments: Enumerable.Range(0, 12).ToArray());
        Definitions = [twelveEvent.Definition, textsEvent.Definition];

        WasEnabledBefore = twelve.IsEnabled || texts.IsEnabled;
        tracefs.Enable(twelveEvent);
        tracefs.Enable(textsEvent);
        EnabledWhileAttached = twelve.IsEnabled && texts.IsEnabled;

        FiringThread = Tracers.Posix.ThreadId();
        twelve.Fire(TwelveMinimum);
        twelve.Fire(TwelveMaximum);
        texts.Fire(Texts.Select(t => (ProbeArgument)t).ToArray());

        RawTrace = string.Join('\n', tracefs.ReadLines());
        // The library is this process's own, so every event on it is one of these fires.
        Twelve = tracefs.Read(twelveEvent);
        Strings = tracefs.Read(textsEvent);
        tracefs.Disable(twelveEvent);
        tracefs.Disable(textsEvent);
        EnabledAfterDisable = twelve.IsEnabled || texts.IsEnabled;
    }

    public string? Skipped { get; }

    /// <summary>The instance's trace as read, for messages.</summary>
    public string RawTrace { get; } = "";

    /// <summary>The uprobe_events lines written, for messages.</summary>
    public IReadOnlyList<string> Definitions { get; } = [];

    /// <summary>Events of the twelve-integer probe: minimum, then maximum.</summary>
    public IReadOnlyList<TraceRecord> Twelve { get; } = [];

    /// <summary>Events of the twelve-string probe.</summary>
    public IReadOnlyList<TraceRecord> Strings { get; } = [];

    /// <summary>The kernel's id of the thread that fired.</summary>
    public int FiringThread { get; }

    public bool WasEnabledBefore { get; }

    public bool EnabledWhileAttached { get; }

    public bool EnabledAfterDisable { get; }
}
