using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Usdt.Fody.Emit;
using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Manifest;

/// <summary>
/// The machine-readable manifest (<c>NAME.usdt.json</c>) lists exactly the probes of the
/// text manifest, in the same order, with each probe's member, kind, async flag and typed
/// arguments (enum names included), and the same module always gives the same bytes.
/// </summary>
public sealed partial class JsonManifestTests
{
    private static WeaveRun Run => WovenAssemblies.AssemblyToProcess(BuildConfiguration.Release);

    private static JsonElement Root()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Run.Beside("AssemblyToProcess.usdt.json")));
        return document.RootElement.Clone();
    }

    private static JsonElement Probe(string name) =>
        Root().GetProperty("probes").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static string[] ArgumentField(JsonElement probe, string field) =>
        probe.GetProperty("arguments").EnumerateArray().Select(a => a.GetProperty(field).ToString()).ToArray();

    [Fact]
    public void ListsTheProbesOfTheTextManifestInTheSameOrder()
    {
        string text = File.ReadAllText(Run.Beside("AssemblyToProcess.usdt.txt"));
        IEnumerable<string> textProbes = TextEntry().Matches(text).Select(m => m.Groups[1].Value);

        JsonElement root = Root();
        IEnumerable<string> jsonProbes = root.GetProperty("probes").EnumerateArray()
            .Select(p => $"{p.GetProperty("provider").GetString()}:{p.GetProperty("name").GetString()}");

        Assert.Equal(ProbeManifestJson.FormatVersion, root.GetProperty("format").GetInt32());
        Assert.Equal("AssemblyToProcess", root.GetProperty("assembly").GetString());
        Assert.Equal(textProbes, jsonProbes);
        Assert.True(jsonProbes.Count() > 100);
    }

    [Fact]
    public void AnEntryProbeNamesItsMemberAndEachArgumentsSlotNameTypeAndKind()
    {
        JsonElement probe = Probe("Parameters__Integers__entry");

        Assert.Equal("entry", probe.GetProperty("kind").GetString());
        Assert.False(probe.GetProperty("async").GetBoolean());
        JsonElement member = probe.GetProperty("member");
        Assert.Equal("AssemblyToProcess.Shapes.Parameters", member.GetProperty("type").GetString());
        Assert.Equal("Integers", member.GetProperty("method").GetString());
        Assert.Equal("(SByte, Byte, Int16, UInt16, Int32, UInt32)", member.GetProperty("signature").GetString());
        Assert.Equal(["0", "1", "2", "3", "4", "5"], ArgumentField(probe, "slot"));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], ArgumentField(probe, "name"));
        Assert.Equal(["System.SByte", "System.Byte", "System.Int16", "System.UInt16", "System.Int32", "System.UInt32"], ArgumentField(probe, "type"));
        Assert.Equal(["int8", "uint8", "int16", "uint16", "int32", "uint32"], ArgumentField(probe, "kind"));
    }

    [Fact]
    public void ReferenceAndOutParametersSayWhatTheyCarry()
    {
        JsonElement probe = Probe("Parameters__ByReference__entry");

        Assert.Equal(["counter", "limit", "text", "name"], ArgumentField(probe, "name"));
        Assert.Equal(["System.Int32", "System.Int64", "System.String", "System.String"], ArgumentField(probe, "type"));
        Assert.Equal(["True", "True", "True", "True"], ArgumentField(probe, "byRef"));
        Assert.Equal(["False", "False", "True", "False"], ArgumentField(probe, "out"));
    }

    [Fact]
    public void AReturnProbeCarriesResultElapsedAndException()
    {
        JsonElement probe = Probe("Parameters__Floats__return");

        Assert.Equal("return", probe.GetProperty("kind").GetString());
        Assert.Equal(["result", "elapsed", "exception"], ArgumentField(probe, "name"));
        Assert.Equal(["System.Double", "System.Int64", "System.String"], ArgumentField(probe, "type"));
        Assert.Equal(["int64", "int64", "utf8string"], ArgumentField(probe, "kind"));
    }

    [Theory]
    [InlineData("AsyncWork__DelayThenAdd__entry", true)]
    [InlineData("AsyncWork__DelayThenAdd__return", true)]
    [InlineData("Parameters__Floats__return", false)]
    public void AsyncMethodsAreFlagged(string name, bool isAsync)
    {
        JsonElement probe = Probe(name);

        Assert.Equal(isAsync, probe.GetProperty("async").GetBoolean());
        if (name.EndsWith("__return"))
            Assert.Equal(isAsync ? "System.Int32" : "System.Double", probe.GetProperty("arguments")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void EnumArgumentsListTheirNamedValuesWithTheirSignsAndFlags()
    {
        JsonElement probe = Probe("Parameters__Enums__entry");
        JsonElement[] arguments = probe.GetProperty("arguments").EnumerateArray().ToArray();

        Assert.Equal(["AssemblyToProcess.Shapes.Color", "AssemblyToProcess.Shapes.Level", "AssemblyToProcess.Shapes.Small", "AssemblyToProcess.Shapes.Access"],
            arguments.Select(a => a.GetProperty("type").GetString()));
        Assert.Equal([("Red", 1L), ("Green", 2L), ("Blue", 200L)], Members(arguments[0]));
        Assert.Equal([("Low", -5L), ("High", 1L << 40)], Members(arguments[1]));
        Assert.Equal([("Minus", -3L), ("Plus", 3L)], Members(arguments[2]));
        Assert.Equal([("None", 0L), ("Read", 1L), ("Write", 2L), ("All", 0x80000003L)], Members(arguments[3]));
        Assert.Equal([false, false, false, true], arguments.Select(a => a.GetProperty("flags").GetBoolean()));

        // The return value of an enum type is named too.
        JsonElement result = Probe("Parameters__Enums__return").GetProperty("arguments")[0];
        Assert.Equal([("Red", 1L), ("Green", 2L), ("Blue", 200L)], Members(result));
    }

    private static (string, long)[] Members(JsonElement argument) =>
        argument.GetProperty("enum").EnumerateArray().Select(m => (m.GetProperty("name").GetString()!, m.GetProperty("value").GetInt64())).ToArray();

    [Fact]
    public void StaticProbesAreOfKindStaticWithTheirClassAndParameters()
    {
        JsonElement probe = Probe("Everything");

        Assert.Equal("smokeshop", probe.GetProperty("provider").GetString());
        Assert.Equal("static", probe.GetProperty("kind").GetString());
        Assert.Equal("AssemblyToProcess.StaticProbes.ShopProbes", probe.GetProperty("member").GetProperty("type").GetString());
        Assert.Equal("Everything", probe.GetProperty("member").GetProperty("method").GetString());
        Assert.Equal(["id", "flag", "letter", "amount", "when", "took", "request", "kind"], ArgumentField(probe, "name"));
        Assert.Equal(["System.Int64", "System.Boolean", "System.Char", "System.Double", "System.DateTime", "System.TimeSpan", "System.Guid", "AssemblyToProcess.StaticProbes.Kind"],
            ArgumentField(probe, "type"));
        Assert.Equal(["int64", "uint8", "uint16", "int64", "int64", "int64", "utf8string", "int16"], ArgumentField(probe, "kind"));
        Assert.Equal([("Retail", 1L), ("Wholesale", -2L)], Members(probe.GetProperty("arguments")[7]));
    }

    [Fact]
    public void MethodsLeftUnprobedAreListedWithTheReason()
    {
        const string Namespace = "AssemblyToProcess.Selection.Inlining";
        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release),
            XElement.Parse($"<Usdt MinMethodBytes='64'><Include Namespace='{Namespace}' /></Usdt>"),
            WeaveRun.KeepOnly($"{Namespace}.Mixed", $"{Namespace}.MarkedType")).EnsureNoErrors();
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(run.Beside("AssemblyToProcess.usdt.json")));

        Dictionary<string, string> skipped = document.RootElement.GetProperty("skipped").EnumerateArray()
            .ToDictionary(s => s.GetProperty("member").GetString()!, s => s.GetProperty("reason").GetString()!);
        Assert.Equal("[AggressiveInlining]", skipped[$"{Namespace}.Mixed.Hot"]);
        Assert.Matches(@"^\d+ IL bytes \(MinMethodBytes 64\)$", skipped[$"{Namespace}.Mixed.get_Count"]);
        Assert.DoesNotContain($"{Namespace}.Mixed.Work", skipped.Keys);
    }

    [Fact]
    public void WeavingTheSameInputTwiceWritesTheSameBytes()
    {
        string input = Inputs.AssemblyToProcess(BuildConfiguration.Release);
        WeaveRun first = WeaveRun.Weave(input).EnsureNoErrors();
        WeaveRun second = WeaveRun.Weave(input).EnsureNoErrors();

        Assert.Equal(File.ReadAllBytes(first.Beside("AssemblyToProcess.usdt.json")), File.ReadAllBytes(second.Beside("AssemblyToProcess.usdt.json")));
    }

    [Fact]
    public void ABuildWithoutProbesRemovesTheManifestOfTheBuildBefore()
    {
        string input = Inputs.AssemblyToProcess(BuildConfiguration.Release);
        string folder = $"stalejson{System.Environment.ProcessId}";
        WeaveRun withProbes = WeaveRun.Weave(input, folder: folder).EnsureNoErrors();
        Assert.True(File.Exists(withProbes.Beside("AssemblyToProcess.usdt.json")));

        WeaveRun without = WeaveRun.Weave(input, folder: folder, before: WeaveRun.KeepOnly()).EnsureNoErrors();

        Assert.False(File.Exists(without.Beside("AssemblyToProcess.usdt.json")));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("controls \n\r\t\b\f \u0001 \u001f end")]
    [InlineData("non-ASCII: Grüße, 東京, 😀")]
    [InlineData("")]
    public void StringsSurviveAJsonParser(string value)
    {
        var writer = new StringWriter();
        new JsonText(writer).StartObject().String("value", value).String("none", null).Boolean("yes", true)
            .RawNumber("big", "18446744073709551615").StartArray("empty").EndArray().EndObject().End();
        string text = writer.ToString();

        using JsonDocument document = JsonDocument.Parse(text);
        Assert.Equal(value, document.RootElement.GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("none").ValueKind);
        Assert.True(document.RootElement.GetProperty("yes").GetBoolean());
        Assert.Equal(ulong.MaxValue, document.RootElement.GetProperty("big").GetUInt64());
        Assert.Equal(0, document.RootElement.GetProperty("empty").GetArrayLength());
        Assert.DoesNotContain(text[..^1], c => c < 0x20 && c != '\n');
    }

    // "smokeshop:OrderPlaced   (static probe AssemblyToProcess.StaticProbes.ShopProbes.OrderPlaced)"
    [GeneratedRegex(@"^(\w+:\w+)   \(", RegexOptions.Multiline)]
    private static partial Regex TextEntry();
}
