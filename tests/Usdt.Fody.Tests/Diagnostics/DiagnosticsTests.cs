using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Fody;
using Mono.Cecil;
using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Diagnostics;

/// <summary>
/// [Probe] where it cannot apply, and static probe classes used wrongly, are errors or
/// warnings that name the method and point at its file and line; each case of
/// tests/AssemblyToProcess.Invalid is woven alone.
/// </summary>
public sealed class DiagnosticsTests
{
    private const string Ns = "AssemblyToProcess.Invalid.";

    public static TheoryData<string, string, string, string> ErrorCases => new()
    {
        // type, file, the source text the location must be near, what the message says
        { "AbstractProbe", "FunctionProbes.cs", "public abstract int Abstract", "[Probe] cannot apply to AssemblyToProcess.Invalid.AbstractProbe.Abstract: it is abstract" },
        { "ExternProbe", "FunctionProbes.cs", "public static extern int GetPid", "[Probe] cannot apply to AssemblyToProcess.Invalid.ExternProbe.GetPid: it is extern (P/Invoke)" },
        { "BadProbeName", "FunctionProbes.cs", "[Probe(Name = \"not a name\")]", "[Probe(Name = \"not a name\")] on AssemblyToProcess.Invalid.BadProbeName.Method is not a probe name" },
        { "DuplicateProbeName", "FunctionProbes.cs", "public int Second()", "another method already uses that probe name" },
        { "NonEmptyBody", "StaticProbes.cs", "System.Console.WriteLine(id);", "Static probe AssemblyToProcess.Invalid.NonEmptyBody.Placed has a body" },
        { "NonVoid", "StaticProbes.cs", "public static int Placed(int id) => id;", "Static probe AssemblyToProcess.Invalid.NonVoid.Placed does not return void" },
        { "NotStatic", "StaticProbes.cs", "public void Placed(int id) { }", "AssemblyToProcess.Invalid.NotStatic declares static probes ([ProbeProvider]) and must be a static class" },
        { "UnsupportedParameter", "StaticProbes.cs", "public static void Placed(List<int> ids) { }", "has parameter 'ids' of type System.Collections.Generic.List`1<System.Int32>, which no probe argument can carry" },
        { "Overloaded", "StaticProbes.cs", "public static void Placed(string name) { }", "Static probe AssemblyToProcess.Invalid.Overloaded.Placed is overloaded" },
        { "GenericProbe", "StaticProbes.cs", "public static void Placed<T>(T value) { }", "Static probe AssemblyToProcess.Invalid.GenericProbe.Placed is generic" },
        { "ByReference", "StaticProbes.cs", "public static void Placed(ref int id) { }", "passes 'id' by reference" },
        { "OrphanEnabledCheck", "StaticProbes.cs", "public static bool IsMissingEnabled => false;", "has no static probe named 'Missing'" },
        { "BadProvider", "StaticProbes.cs", "public static void Placed(int id) { }", "[ProbeProvider(\"bad-provider\")] on AssemblyToProcess.Invalid.BadProvider is not a provider name" },
        { "TooManyStaticArguments", "StaticProbes.cs", "int a13) { }", "has 13 parameters; a probe carries at most 12" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void MisplacedProbesAreErrorsWithFileAndLine(string type, string file, string near, string message)
    {
        foreach (BuildConfiguration configuration in new[] { BuildConfiguration.Debug, BuildConfiguration.Release })
        {
            WeaveRun run = WeaveRun.Weave(Inputs.Invalid(configuration), before: WeaveRun.KeepOnly(Ns + type));

            SequencePointMessage error = Assert.Single(run.Errors);
            Assert.Contains(message, error.Text);
            AssertNear(error, file, near, type);
        }
    }

    [Theory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void AnExplicitlyProbedIteratorIsAWarningThatOnlyItsCreationIsProbed(BuildConfiguration configuration)
    {
        WeaveRun run = WeaveRun.Weave(Inputs.Invalid(configuration), before: WeaveRun.KeepOnly(Ns + "IteratorProbe")).EnsureNoErrors();

        SequencePointMessage warning = Assert.Single(run.Warnings);
        Assert.Contains("[Probe] on iterator AssemblyToProcess.Invalid.IteratorProbe.Numbers: only the call that creates the iterator is probed", warning.Text);
        AssertNear(warning, "FunctionProbes.cs", "yield return i;", "IteratorProbe");
        Assert.Equal(["IteratorProbe__Numbers__entry", "IteratorProbe__Numbers__return"], ProbeTableReader.Read(run.OutputPath).Select(p => p.Name));
    }

    [Theory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void MoreThanTwelveParametersIsAWarningAndTheEntryProbeCarriesTwelve(BuildConfiguration configuration)
    {
        WeaveRun run = WeaveRun.Weave(Inputs.Invalid(configuration), before: WeaveRun.KeepOnly(Ns + "TooManyArguments")).EnsureNoErrors();

        SequencePointMessage warning = Assert.Single(run.Warnings);
        Assert.Contains("AssemblyToProcess.Invalid.TooManyArguments.Fourteen has 14 parameters; its entry probe passes the first 12", warning.Text);
        AssertNear(warning, "FunctionProbes.cs", "a1 + a14;", "TooManyArguments");
        Assert.Equal("iiiiiiiiiiii", ProbeTableReader.Read(run.OutputPath).Single(p => p.Name.EndsWith("__entry")).Codes);
    }

    [Fact]
    public void RuntimeAsyncMethodsAreDetectedAndGetTheirEntryProbeWithAnInfoMessage()
    {
        // Methods compiled as runtime-async carry method impl flag 0x2000 and no state machine:
        // mark one so, as that compiler mode does.
        static void MarkRuntimeAsync(ModuleDefinition module)
        {
            MethodDefinition method = module.GetType("AssemblyToProcess.Async.AsyncWork").Methods.Single(m => m.Name == "DelayThenAdd");
            method.ImplAttributes |= (MethodImplAttributes)0x2000;
        }

        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release), before: MarkRuntimeAsync).EnsureNoErrors();

        Assert.Contains(run.Infos, m => m.Contains("AssemblyToProcess.Async.AsyncWork.DelayThenAdd is compiled as runtime-async (no state machine)"));
        var names = ProbeTableReader.Names(run.OutputPath);
        Assert.Contains("AsyncWork__DelayThenAdd__entry", names);
        Assert.DoesNotContain("AsyncWork__DelayThenAdd__return", names);
        Assert.Contains("AsyncWork__Fail__return", names);
    }

    [Fact]
    public void WeavingWithoutTheUsdtRuntimeAmongTheReferencesIsABuildErrorNotACrash()
    {
        WeaveRun run = WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release), configure: weaver => weaver.ResolveAssembly = _ => null);

        string error = Assert.Single(run.Errors).Text;
        Assert.Contains("Usdt.Fody cannot find the Usdt assembly (Usdt.dll) among the project's references", error);
        Assert.Empty(ProbeTableReader.Read(run.OutputPath));
    }

    private static void AssertNear(SequencePointMessage message, string file, string near, string type)
    {
        Assert.NotNull(message.SequencePoint);
        Assert.Equal(file, WeaveRun.FileOf(message));
        string[] lines = File.ReadAllLines(SourceDocument.LocalPath(message.SequencePoint.Document.Url));
        int typeLine = Array.FindIndex(lines, l => l.Contains($" class {type}")) + 1;
        int nearLine = Array.FindIndex(lines, typeLine, l => l.Contains(near)) + 1;
        Assert.True(typeLine > 0 && nearLine > 0, $"'{near}' not found after class {type}");
        // At the method itself when it has code; else at the first line of code of its type.
        Assert.InRange(message.SequencePoint.StartLine, typeLine, nearLine + 1);
    }
}
