using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using DotnetUsdt.Formatting;
using DotnetUsdt.Manifest;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Output;

/// <summary>
/// Prints each fire as one line, like bcc's <c>uflow</c>: time, thread, and the call
/// indented by the thread's depth, <c>-&gt;</c> on entry with the arguments, <c>&lt;-</c> on
/// return with the result, the elapsed time or the exception. An async method's return
/// comes when its operation completes, often on another thread, so it neither opens nor
/// closes a level of indentation; it is marked <c>async</c>.
/// </summary>
internal sealed class CallFlowPrinter
{
    private const string Indent = "  ";
    private readonly TextWriter _output;
    private readonly bool _showProcess;
    private readonly Dictionary<int, int> _depth = [];
    private long? _start;

    /// <param name="output">Where the lines go.</param>
    /// <param name="showProcess">Print <c>PID/TID</c> instead of the thread alone (tracing a library in every process).</param>
    public CallFlowPrinter(TextWriter output, bool showProcess)
    {
        _output = output;
        _showProcess = showProcess;
    }

    public void WriteHeader() =>
        _output.WriteLine(_showProcess ? "TIME(s)      PID/TID       CALL" : "TIME(s)      TID      CALL");

    public void Write(ProbeEvent fire)
    {
        _start ??= fire.Timestamp;
        ProbeInfo info = fire.Probe.Info;
        _depth.TryGetValue(fire.ThreadId, out int depth);
        var line = new StringBuilder();
        line.Append(((fire.Timestamp - _start.Value) / 1e9).ToString("0.000000", CultureInfo.InvariantCulture).PadRight(12)).Append(' ');
        string thread = _showProcess ? $"{fire.ProcessId}/{fire.ThreadId}" : fire.ThreadId.ToString(CultureInfo.InvariantCulture);
        line.Append(thread.PadRight(_showProcess ? 13 : 8)).Append(' ');
        switch (info.Kind)
        {
            case ProbeKind.Entry:
                line.Append(Indentation(depth)).Append("-> ").Append(info.ShortName).Append(Arguments(fire, 0));
                if (info.IsAsync)
                    line.Append(" async");
                else
                    _depth[fire.ThreadId] = depth + 1;
                break;
            case ProbeKind.Return:
                if (!info.IsAsync && depth > 0)
                    _depth[fire.ThreadId] = --depth;
                line.Append(Indentation(depth)).Append("<- ").Append(info.ShortName).Append(Return(fire));
                break;
            case ProbeKind.Static:
                line.Append(Indentation(depth)).Append("** ").Append(info.ShortName).Append(Arguments(fire, 0));
                break;
            default:
                line.Append(Indentation(depth)).Append("-- ").Append(fire.Probe.Note.FullName).Append(Arguments(fire, 0));
                break;
        }
        _output.WriteLine(line.ToString());
    }

    private static string Indentation(int depth)
    {
        var text = new StringBuilder();
        for (int i = 0; i < depth && i < 40; i++)
            text.Append(Indent);
        return text.ToString();
    }

    private static string Arguments(ProbeEvent fire, int from)
    {
        var text = new StringBuilder("(");
        IReadOnlyList<ArgumentInfo> arguments = fire.Probe.Info.Arguments;
        for (int i = from; i < fire.Values.Length && i < arguments.Count; i++)
        {
            if (i > from)
                text.Append(", ");
            text.Append(arguments[i].Name).Append(": ").Append(ValueFormatter.Format(arguments[i], fire.Values[i]));
        }
        return text.Append(')').ToString();
    }

    /// <summary><c> = 42 (92 us)</c>, <c> threw System.InvalidOperationException (12 us)</c>, <c> (5 us)</c> for void.</summary>
    private static string Return(ProbeEvent fire)
    {
        IReadOnlyList<ArgumentInfo> arguments = fire.Probe.Info.Arguments;
        var text = new StringBuilder();
        bool threw = fire.Values.Length > 2 && fire.Values[2].IsAvailable && fire.Values[2].Word != 0;
        if (threw)
            text.Append(" threw ").Append(fire.Values[2].Text is { Length: > 0 } type ? type : "an exception");
        else if (arguments.Count > 0 && arguments[0].TypeName != "System.Void" && fire.Values.Length > 0)
            text.Append(" = ").Append(ValueFormatter.Format(arguments[0], fire.Values[0]));
        if (fire.Values.Length > 1 && fire.Values[1].IsAvailable)
        {
            long elapsed = fire.Values[1].Word;
            text.Append(" (").Append(elapsed == 0 ? "entered before tracing began" : DurationText.Of(elapsed));
            if (fire.Probe.Info.IsAsync)
                text.Append(", async");
            text.Append(')');
        }
        return text.ToString();
    }
}
