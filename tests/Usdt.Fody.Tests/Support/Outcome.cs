using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// Describes values, object state and exceptions as text that does not depend on which
/// load context (woven or unwoven copy) they came from, so two runs compare as strings.
/// </summary>
internal static class Outcome
{
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(20);

    public static string Value(object? value, Assembly home, int depth = 0)
    {
        switch (value)
        {
            case null: return "null";
            case string text: return "\"" + text + "\"";
            case double d: return d.ToString("R", CultureInfo.InvariantCulture);
            case float f: return f.ToString("R", CultureInfo.InvariantCulture);
            case Delegate: return "delegate";
            case Task task: return "task(" + TaskOutcome(task, home, depth) + ")";
            case Exception e: return Exception(e);
            case Type type: return "type " + type.FullName;
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum:
                return value.GetType().Name + ":" + formattable.ToString(null, CultureInfo.InvariantCulture);
        }
        Type valueType = value.GetType();
        if (valueType.IsGenericType && valueType.GetGenericTypeDefinition() is { } definition &&
            (definition == typeof(ValueTask<>)))
            return "valuetask(" + TaskOutcome((Task)valueType.GetMethod("AsTask")!.Invoke(value, null)!, home, depth) + ")";
        if (value is ValueTask valueTask)
            return "valuetask(" + TaskOutcome(valueTask.AsTask(), home, depth) + ")";
        if (depth > 3)
            return valueType.Name + "{...}";
        if (valueType.Assembly == home && !typeof(IEnumerable).IsAssignableFrom(valueType))
            return State(value, valueType, home, depth + 1);
        if (valueType.Name.StartsWith("ValueTuple", StringComparison.Ordinal))
            return "(" + string.Join(",", valueType.GetFields().Select(f => Value(f.GetValue(value), home, depth + 1))) + ")";
        if (value is IEnumerable items)
            return valueType.Name + "[" + Items(items, home, depth) + "]";
        if (valueType.GetInterfaces().Any(i => i.Name == "IAsyncEnumerable`1"))
            return "async-enumerable " + valueType.Name;
        return valueType.FullName + ":" + value;
    }

    /// <summary>Every field of <paramref name="instance"/> (null: the static fields of <paramref name="type"/>).</summary>
    public static string State(object? instance, Type type, Assembly home, int depth = 0)
    {
        BindingFlags flags = (instance is null ? BindingFlags.Static : BindingFlags.Instance) | BindingFlags.Public | BindingFlags.NonPublic;
        var text = new StringBuilder(type.Name).Append('{');
        for (Type? current = type; current is not null && current.Assembly == home; current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(flags | BindingFlags.DeclaredOnly).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (field.IsLiteral || field.FieldType.IsByRefLike || field.FieldType.IsPointer)
                    continue;
                text.Append(field.Name).Append('=').Append(Value(field.GetValue(instance), home, depth + 1)).Append(';');
            }
        }
        return text.Append('}').ToString();
    }

    /// <summary>
    /// Type, message, top frame and (after <see cref="UserFrameMarker"/>) the first frame in
    /// the assembly under test, each frame with its file and line when the runtime has them.
    /// </summary>
    public static string Exception(Exception e)
    {
        string[] frames = (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        string? user = frames.FirstOrDefault(f => f.StartsWith("at AssemblyToProcess.", StringComparison.Ordinal));
        return $"!{e.GetType().FullName}: {e.Message} @ {frames.FirstOrDefault()}{UserFrameMarker}{user}";
    }

    public const string UserFrameMarker = " @user ";

    /// <summary>
    /// Reduces every exception of a line to its type, message and first user frame without
    /// file and line: what optimised code keeps stable. The JIT inlines differently into a
    /// method that grew an exception handler, and optimised code maps native offsets back
    /// to IL only roughly, so a framework top frame or a line number may legitimately differ.
    /// </summary>
    public static string WithoutJitDependentFrames(string line) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(line, @" @ [^|]*?" + UserFrameMarker.Trim(), " @user"),
            @" in /[^|)]*:line \d+", "");

    /// <summary>Names a frame of a traced method's sibling (<c>&lt;Divide&gt;usdt_traced</c>) as the method itself (<c>Divide</c>).</summary>
    public static string WithTracedFramesAsTheirMethods(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line, @"\.<([^>]+)>usdt_traced(?=[\[(])", ".$1");

    private static string Items(IEnumerable items, Assembly home, int depth)
    {
        var text = new StringBuilder();
        int count = 0;
        try
        {
            foreach (object? item in items)
            {
                if (count++ == 50)
                    return text.Append("...").ToString();
                text.Append(Value(item, home, depth + 1)).Append(',');
            }
        }
        catch (Exception e)
        {
            text.Append(Exception(e));
        }
        return text.ToString();
    }

    private static string TaskOutcome(Task task, Assembly home, int depth)
    {
        try
        {
            if (!task.Wait(TaskTimeout))
                return "timed out";
        }
        catch (AggregateException)
        {
        }
        if (task.IsCanceled)
            return "cancelled " + Exception(task.Exception?.InnerException ?? CancelledException(task));
        if (task.IsFaulted)
            return "faulted " + Exception(task.Exception!.InnerException!);
        PropertyInfo? result = task.GetType().GetProperty("Result");
        return result is null || result.PropertyType.Name == "VoidTaskResult" ? "done" : "done " + Value(result.GetValue(task), home, depth + 1);
    }

    private static Exception CancelledException(Task task)
    {
        try { task.GetAwaiter().GetResult(); }
        catch (Exception e) { return e; }
        return new InvalidOperationException("cancelled without an exception");
    }
}
