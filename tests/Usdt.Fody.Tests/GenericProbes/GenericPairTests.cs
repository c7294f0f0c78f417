using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Mono.Cecil;
using Usdt.Contract;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Fody.Tests.GenericProbes;

/// <summary>
/// With generic probes on, every woven method also reports through the process-wide
/// <c>dotnet:method__entry</c>/<c>method__return</c> pair, in HotSpot's layout: thread id,
/// then class, method and signature as (UTF-8 pointer, byte length). Calls nest per thread as
/// they ran; an async method's pair covers its synchronous part, on the calling thread.
/// With the switch off, nothing of the pair exists.
/// </summary>
[Collection(TracerCollection.Name)]
public sealed class GenericPairTests
{
    private const string Calculator = "AssemblyToProcess.Shapes.Calculator";
    private const string StaticMath = "AssemblyToProcess.Shapes.StaticMath";
    private const string AsyncWork = "AssemblyToProcess.Async.AsyncWork";

    private static WeaveRun WeaveWithGenericProbes() =>
        WeaveRun.Weave(Inputs.AssemblyToProcess(BuildConfiguration.Release), XElement.Parse("<Usdt GenericProbes='true' MinMethodBytes='0' />"),
            WeaveRun.KeepOnly(Calculator, StaticMath, AsyncWork, "AssemblyToProcess.SideEffects"), folder: "generic").EnsureNoErrors();

    [SkippableFact]
    public void EveryCallReportsItsClassMethodAndSignatureNestedAsItRan()
    {
        Requires.Met(TracedProbes.Unavailable);
        LoadedWoven woven = LoadedWoven.Load(WeaveWithGenericProbes().OutputPath);
        ProbeRegistration pair = UsdtDiagnostics.Registrations.First(r => r.Label == MethodProbes.LibraryStem);
        Assert.True(pair.IsActive, pair.ToString());
        using var tracefs = new TracefsSession();
        Dictionary<string, SdtNote> notes = Readelf.Notes(pair.LibraryPath!).ToDictionary(n => n.Name);
        UprobeEvent entry = tracefs.AddSdtProbe(pair.LibraryPath!, notes[MethodProbes.Entry], [1, 3, 5]);
        UprobeEvent exit = tracefs.AddSdtProbe(pair.LibraryPath!, notes[MethodProbes.Return], [1, 3, 5]);
        tracefs.Enable(entry);
        tracefs.Enable(exit);

        object calculator = Activator.CreateInstance(woven.Type(Calculator))!;
        Assert.Equal(5, LoadedWoven.InvokeOn(woven.Type(Calculator), calculator, "Add", 2, 3));
        Assert.Equal(6L, woven.Invoke(StaticMath, "Factorial", 3));
        object work = Activator.CreateInstance(woven.Type(AsyncWork))!;
        var pending = (Task<int>)LoadedWoven.InvokeOn(work.GetType(), work, "DelayThenAdd", 40, 2, 50)!;
        Assert.Equal(42, pending.Result);

        int thread = Environment.CurrentManagedThreadId;
        List<(string Way, string Name)> calls = tracefs.ReadLines()
            .Select(line => TraceRecord.TryParse(line, entry.FieldNames) is { Event: var e } r && e == entry.Name ? ("->", r)
                : TraceRecord.TryParse(line, exit.FieldNames) is { Event: var x } q && x == exit.Name ? ("<-", q) : default)
            .Where(c => c.Item2 is not null && c.Item2.Text("s1")!.StartsWith("AssemblyToProcess.", StringComparison.Ordinal) && c.Item2.Integer("a0") == thread)
            .Select(c =>
            {
                TraceRecord r = c.Item2!;
                // The lengths are the UTF-8 byte lengths of the NUL-terminated names.
                Assert.Equal(r.Text("s1")!.Length, r.Integer("a2"));
                Assert.Equal(r.Text("s3")!.Length, r.Integer("a4"));
                Assert.Equal(r.Text("s5")!.Length, r.Integer("a6"));
                return (c.Item1, $"{r.Text("s1")}.{r.Text("s3")}{r.Text("s5")}");
            })
            .ToList();

        Assert.Equal(
        [
            ("->", $"{Calculator}..ctor()"), ("<-", $"{Calculator}..ctor()"),
            ("->", $"{Calculator}.Add(Int32, Int32)"), ("<-", $"{Calculator}.Add(Int32, Int32)"),
            ("->", $"{StaticMath}.Factorial(Int32)"), ("->", $"{StaticMath}.Factorial(Int32)"), ("->", $"{StaticMath}.Factorial(Int32)"),
            ("<-", $"{StaticMath}.Factorial(Int32)"), ("<-", $"{StaticMath}.Factorial(Int32)"), ("<-", $"{StaticMath}.Factorial(Int32)"),
            ("->", $"{AsyncWork}..ctor()"), ("<-", $"{AsyncWork}..ctor()"),
            // The synchronous part only: it returns the pending task on this thread.
            ("->", $"{AsyncWork}.DelayThenAdd(Int32, Int32, Int32)"), ("<-", $"{AsyncWork}.DelayThenAdd(Int32, Int32, Int32)"),
        ], calls);
    }

    [Fact]
    public void ThePairsLibraryIsBuiltBesideTheModule()
    {
        WeaveRun run = WeaveWithGenericProbes();

        foreach (Elf.ElfArchitecture architecture in Elf.ElfArchitecture.All)
        {
            byte[] library = File.ReadAllBytes(run.Beside(ProbeLibraryFiles.ForModule(MethodProbes.LibraryStem, architecture)));
            Assert.NotNull(Elf.ProbeLibraryCheck.Verify(library, architecture, ProbeTableText.Hash(ProbeTableText.Of(MethodProbes.Pair)), 2, out string problem));
        }
    }

    [Fact]
    public void WithTheSwitchOffNothingOfThePairExists()
    {
        WeaveRun run = WovenAssemblies.AssemblyToProcess(BuildConfiguration.Release);
        using ModuleDefinition module = ModuleDefinition.ReadModule(run.OutputPath);

        TypeDefinition table = module.Types.Single(t => t.Name == "<UsdtProbes>");
        Assert.DoesNotContain(table.Fields, f => f.Name.StartsWith("Method", StringComparison.Ordinal));
        Assert.DoesNotContain(module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).SelectMany(m => m.Body.Instructions),
            i => i.Operand is MethodReference { Name: "RegisterMethodNames" or "Method" });
        Assert.All(Elf.ElfArchitecture.All, a => Assert.False(File.Exists(run.Beside(ProbeLibraryFiles.ForModule(MethodProbes.LibraryStem, a)))));
    }
}
