using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Fody.Tests.Injection;

/// <summary>
/// Argument mapping and shapes, seen by a real tracer: every kind of the contract's
/// argument table, ref/in/out, unsupported slots, more than twelve parameters, constructors
/// after their base call, static constructors, struct methods, generics, iterators, local
/// functions and properties.
/// </summary>
[Collection(TracerCollection.Name)]
public sealed class TracedShapeTests
{
    private const string Parameters = "AssemblyToProcess.Shapes.Parameters";

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void IntegersCharsBoolsAndEnumsPassWithTheirSizeAndSign(BuildConfiguration configuration)
    {
        LoadedWoven woven = TracedFunctionTests.Woven(configuration);
        Type type = woven.Type(Parameters);
        object target = Activator.CreateInstance(type)!;
        using var traced = new TracedProbes(woven, Traced.Provider, "Parameters__Integers__entry", "Parameters__Wide__entry",
            "Parameters__Chars__entry", "Parameters__Enums__entry", "Parameters__Enums__return", "Parameters__ReturnsChar__return", "Parameters__ReturnsBool__return");

        LoadedWoven.InvokeOn(type, target, "Integers", (sbyte)-5, (byte)200, (short)-300, (ushort)60000, -70000, 4_000_000_000u);
        LoadedWoven.InvokeOn(type, target, "Wide", long.MinValue, ulong.MaxValue, (nint)(-7), (nuint)7);
        LoadedWoven.InvokeOn(type, target, "Chars", 'é', true);
        Type color = woven.Type("AssemblyToProcess.Shapes.Color");
        LoadedWoven.InvokeOn(type, target, "Enums", Enum.ToObject(color, 200), Enum.ToObject(woven.Type("AssemblyToProcess.Shapes.Level"), 1L << 40),
            Enum.ToObject(woven.Type("AssemblyToProcess.Shapes.Small"), -3), Enum.ToObject(woven.Type("AssemblyToProcess.Shapes.Access"), 0x80000003u));
        LoadedWoven.InvokeOn(type, target, "ReturnsChar", 0x263A);
        LoadedWoven.InvokeOn(type, target, "ReturnsBool", 1);

        TraceRecord integers = traced.Expect("Parameters__Integers__entry", 1)[0];
        Assert.Equal([-5L, 200, -300, 60000, -70000, 4_000_000_000], Enumerable.Range(0, 6).Select(integers.Arg));
        TraceRecord wide = traced.Expect("Parameters__Wide__entry", 1)[0];
        Assert.Equal([long.MinValue, -1L, -7, 7], Enumerable.Range(0, 4).Select(wide.Arg));
        TraceRecord chars = traced.Expect("Parameters__Chars__entry", 1)[0];
        Assert.Equal(0xE9, chars.Arg(0));
        Assert.Equal(1, chars.Arg(1));
        TraceRecord enums = traced.Expect("Parameters__Enums__entry", 1)[0];
        Assert.Equal([200L, 1L << 40, -3, 0x80000003], Enumerable.Range(0, 4).Select(enums.Arg));
        Assert.Equal(200, traced.Expect("Parameters__Enums__return", 1)[0].Arg(0));
        Assert.Equal(0x263A, traced.Expect("Parameters__ReturnsChar__return", 1)[0].Arg(0));
        Assert.Equal(1, traced.Expect("Parameters__ReturnsBool__return", 1)[0].Arg(0));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void FloatsTimesAndGuidsPassAsBitsTicksAndText(BuildConfiguration configuration)
    {
        LoadedWoven woven = TracedFunctionTests.Woven(configuration);
        Type type = woven.Type(Parameters);
        object target = Activator.CreateInstance(type)!;
        using var traced = new TracedProbes(woven, Traced.Provider, "Parameters__Floats__entry", "Parameters__Floats__return", "Parameters__Half__return",
            "Parameters__Times__entry", "Parameters__Span__return", "Parameters__Guids__entry", "Parameters__NewGuid__return", "Parameters__Offset__return");
        var when = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc);
        var offset = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(2));
        var span = TimeSpan.FromMilliseconds(1234.5);
        var id = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff");

        LoadedWoven.InvokeOn(type, target, "Floats", 1.5f, -2.25);
        LoadedWoven.InvokeOn(type, target, "Half", 3f);
        LoadedWoven.InvokeOn(type, target, "Times", when, offset, span);
        LoadedWoven.InvokeOn(type, target, "Span", span);
        LoadedWoven.InvokeOn(type, target, "Guids", id);
        LoadedWoven.InvokeOn(type, target, "NewGuid", id.ToString());
        LoadedWoven.InvokeOn(type, target, "Offset", offset);

        TraceRecord floats = traced.Expect("Parameters__Floats__entry", 1)[0];
        Assert.Equal(BitConverter.DoubleToInt64Bits(1.5), floats.Arg(0));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-2.25), floats.Arg(1));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.75), traced.Expect("Parameters__Floats__return", 1)[0].Arg(0));
        Assert.Equal(BitConverter.DoubleToInt64Bits(1.5), traced.Expect("Parameters__Half__return", 1)[0].Arg(0));
        TraceRecord times = traced.Expect("Parameters__Times__entry", 1)[0];
        Assert.Equal([when.Ticks, offset.UtcTicks, span.Ticks], Enumerable.Range(0, 3).Select(times.Arg));
        Assert.Equal((span + span).Ticks, traced.Expect("Parameters__Span__return", 1)[0].Arg(0));
        Assert.Equal(offset.AddMinutes(1).UtcTicks, traced.Expect("Parameters__Offset__return", 1)[0].Arg(0));
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", traced.Expect("Parameters__Guids__entry", 1)[0].Text(0));
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", traced.Expect("Parameters__NewGuid__return", 1)[0].Text(0));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void RefAndInPassTheValueOutPassesZeroAndUnsupportedSlotsStayInPlaceAsZero(BuildConfiguration configuration)
    {
        LoadedWoven woven = TracedFunctionTests.Woven(configuration);
        Type type = woven.Type(Parameters);
        object target = Activator.CreateInstance(type)!;
        using var traced = new TracedProbes(woven, Traced.Provider, "Parameters__ByReference__entry", "Parameters__ByReference__return",
            "Parameters__Unsupported__entry", "Parameters__RefReturn__return", "Parameters__RefEnum__entry", "Parameters__ReturnsUnsupported__return");
        object?[] byReference = [5, 7L, "stale", "ab"];

        LoadedWoven.InvokeOn(type, target, "ByReference", byReference);
        LoadedWoven.InvokeOn(type, target, "Unsupported", new List<int> { 1 }, new object(), Activator.CreateInstance(woven.Type("AssemblyToProcess.Shapes.Pair"), 4, 5), new[] { 1, 2 }, (int?)3, 2.5m);
        LoadedWoven.InvokeOn(type, target, "RefReturn", new[] { 10, 20, 30 }, 1);
        LoadedWoven.InvokeOn(type, target, "RefEnum", Enum.ToObject(woven.Type("AssemblyToProcess.Shapes.Color"), 2), Guid.Empty, 1.25);
        LoadedWoven.InvokeOn(type, target, "ReturnsUnsupported", 3);

        TraceRecord entry = traced.Expect("Parameters__ByReference__entry", 1)[0];
        Assert.Equal(5, entry.Arg(0));
        Assert.Equal(7, entry.Arg(1));
        Assert.Equal(0, entry.Arg(2));
        Assert.Equal("ab", entry.Text(3));
        Assert.Equal(6, traced.Expect("Parameters__ByReference__return", 1)[0].Arg(0));
        Assert.Equal("6/7", byReference[2]);
        TraceRecord unsupported = traced.Expect("Parameters__Unsupported__entry", 1)[0];
        Assert.Equal(new long[6], Enumerable.Range(0, 6).Select(unsupported.Arg));
        Assert.Equal(20, traced.Expect("Parameters__RefReturn__return", 1)[0].Arg(0));
        TraceRecord refEnum = traced.Expect("Parameters__RefEnum__entry", 1)[0];
        Assert.Equal(2, refEnum.Arg(0));
        Assert.Equal("00000000-0000-0000-0000-000000000000", refEnum.Text(1));
        Assert.Equal(BitConverter.DoubleToInt64Bits(1.25), refEnum.Arg(2));
        Assert.Equal(0, traced.Expect("Parameters__ReturnsUnsupported__return", 1)[0].Arg(0));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void MoreThanTwelveParametersPassTheFirstTwelve(BuildConfiguration configuration)
    {
        LoadedWoven woven = TracedFunctionTests.Woven(configuration);
        Type type = woven.Type(Parameters);
        object target = Activator.CreateInstance(type)!;
        SdtNote note = woven.Note(Traced.Provider, "Parameters__Thirteen__entry");
        Assert.Equal(12, note.Arguments.Count);
        using var traced = new TracedProbes(woven, Traced.Provider, "Parameters__Thirteen__entry", "Parameters__Twelve__entry");

        LoadedWoven.InvokeOn(type, target, "Thirteen", Enumerable.Range(1, 13).Cast<object?>().ToArray());
        LoadedWoven.InvokeOn(type, target, "Twelve", -1L, "two", 3, 'c', true, 6.5, (short)-7, (byte)8, "nine", Enum.ToObject(woven.Type("AssemblyToProcess.Shapes.Color"), 1), 11L, 12);

        TraceRecord thirteen = traced.Expect("Parameters__Thirteen__entry", 1)[0];
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), Enumerable.Range(0, 12).Select(thirteen.Arg));
        TraceRecord twelve = traced.Expect("Parameters__Twelve__entry", 1)[0];
        Assert.Equal(-1, twelve.Arg(0));
        Assert.Equal("two", twelve.Text(1));
        Assert.Equal('c', twelve.Arg(3));
        Assert.Equal(-7, twelve.Arg(6));
        Assert.Equal("nine", twelve.Text(8));
        Assert.Equal(1, twelve.Arg(9));
        Assert.Equal(12, twelve.Arg(11));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void ConstructorsFireAfterTheirBaseOrSiblingCallAndStaticConstructorsOnce(BuildConfiguration configuration)
    {
        Requires.Met(TracedProbes.Unavailable);
        // A fresh copy: its static constructors have not run yet.
        LoadedWoven woven = LoadedWoven.Load(WovenAssemblies.AssemblyToProcess(configuration).OutputPath);
        string[] probes = ["Animal__ctor__entry", "Animal__ctor__return", "Dog__ctor__entry", "Dog__ctor__return", "Dog__ctor_2__entry", "Dog__ctor_2__return",
            "Dog__ctor_3__entry", "Dog__ctor_3__return", "Registry__cctor__entry", "Registry__cctor__return", "Registry__Count__return"];
        using var traced = new TracedProbes(woven, Traced.Provider, probes);

        Activator.CreateInstance(woven.Type("AssemblyToProcess.Shapes.Dog"));
        Assert.ThrowsAny<Exception>(() => Activator.CreateInstance(woven.Type("AssemblyToProcess.Shapes.Dog"), -1));
        woven.Invoke("AssemblyToProcess.Shapes.Registry", "Count");
        woven.Invoke("AssemblyToProcess.Shapes.Registry", "Count");

        string[] order = traced.ReadInOrder().Select(e => e.Probe).ToArray();
        Assert.Equal(
        [
            // new Dog(): this("rex") -> base(name): each constructor's entry follows the call it chains to.
            "Animal__ctor__entry", "Animal__ctor__return", "Dog__ctor__entry", "Dog__ctor__return", "Dog__ctor_2__entry", "Dog__ctor_2__return",
            // new Dog(-1): base("dog-1") first, then its own body throws.
            "Animal__ctor__entry", "Animal__ctor__return", "Dog__ctor_3__entry", "Dog__ctor_3__return",
            "Registry__cctor__entry", "Registry__cctor__return", "Registry__Count__return", "Registry__Count__return",
        ], order);
        Assert.Equal("rex", traced.Read("Dog__ctor__entry")[0].Text(0));
        Assert.Equal(-1, traced.Read("Dog__ctor_3__entry")[0].Arg(0));
        Assert.Equal("System.ArgumentOutOfRangeException", traced.Read("Dog__ctor_3__return")[0].ExceptionName());
        Assert.All(traced.Read("Registry__Count__return"), r => Assert.Equal(2, r.Arg(0)));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void StructGenericIteratorLocalFunctionAndPropertyProbesFire(BuildConfiguration configuration)
    {
        LoadedWoven woven = TracedFunctionTests.Woven(configuration);
        string[] probes = ["Counter__Increment__entry", "Counter__Increment__return", "Generic__Echo__entry", "Generic__Echo__return",
            "Box__Get__return", "Special__Range__entry", "Special__Range__return", "Special__WithLocalFunction_Twice__entry",
            "Special__WithLocalFunction_Twice__return", "Thermostat__set_Target__entry", "Thermostat__get_IsHeating__return", "Special_Nested_Deeper__Depth__return"];
        using var traced = new TracedProbes(woven, Traced.Provider, probes);

        object counter = Activator.CreateInstance(woven.Type("AssemblyToProcess.Shapes.Counter"), 10)!;
        Assert.Equal(15, LoadedWoven.InvokeOn(counter.GetType(), counter, "Increment", 5));
        Type generic = woven.Type("AssemblyToProcess.Shapes.Generic");
        generic.GetMethod("Echo")!.MakeGenericMethod(typeof(int)).Invoke(null, [7]);
        generic.GetMethod("Echo")!.MakeGenericMethod(typeof(string)).Invoke(null, ["text"]);
        generic.GetMethod("Echo")!.MakeGenericMethod(typeof(SampleStruct)).Invoke(null, [new SampleStruct { A = 1 }]);
        Type box = woven.Type("AssemblyToProcess.Shapes.Box`1").MakeGenericType(typeof(long));
        LoadedWoven.InvokeOn(box, Activator.CreateInstance(box, 1L << 33), "Get");
        object special = Activator.CreateInstance(woven.Type("AssemblyToProcess.Shapes.Special"))!;
        var items = (IEnumerable)LoadedWoven.InvokeOn(special.GetType(), special, "Range", 3)!;
        Assert.Equal([0, 1, 2], items.Cast<int>());
        Assert.Equal(16, LoadedWoven.InvokeOn(special.GetType(), special, "WithLocalFunction", 5));
        object thermostat = Activator.CreateInstance(woven.Type("AssemblyToProcess.Shapes.Thermostat"))!;
        thermostat.GetType().GetProperty("Target")!.SetValue(thermostat, 22.5);
        Assert.Equal(true, thermostat.GetType().GetProperty("IsHeating")!.GetValue(thermostat));
        object deeper = Activator.CreateInstance(woven.Type("AssemblyToProcess.Shapes.Special+Nested+Deeper"))!;
        LoadedWoven.InvokeOn(deeper.GetType(), deeper, "Depth");

        Assert.Equal(5, traced.Expect("Counter__Increment__entry", 1)[0].Arg(0));
        Assert.Equal(15, traced.Expect("Counter__Increment__return", 1)[0].Arg(0));
        IReadOnlyList<TraceRecord> echo = traced.Expect("Generic__Echo__entry", 3);
        Assert.Equal(7, echo[0].Arg(0));
        Assert.NotEqual(0, echo[1].Arg(0));   // a string instantiation passes a pointer to its text
        Assert.Equal(0, echo[2].Arg(0));      // a struct has no mapping
        Assert.Equal(7, traced.Expect("Generic__Echo__return", 3)[0].Arg(0));
        Assert.Equal(1L << 33, traced.Expect("Box__Get__return", 1)[0].Arg(0));
        // The iterator: one call created it; producing its items fired nothing more.
        Assert.Equal(3, traced.Expect("Special__Range__entry", 1)[0].Arg(0));
        traced.Expect("Special__Range__return", 1);
        Assert.Equal(5, traced.Expect("Special__WithLocalFunction_Twice__entry", 1)[0].Arg(0));
        Assert.Equal(10, traced.Expect("Special__WithLocalFunction_Twice__return", 1)[0].Arg(0));
        Assert.Equal(BitConverter.DoubleToInt64Bits(22.5), traced.Expect("Thermostat__set_Target__entry", 1)[0].Arg(0));
        Assert.Equal(1, traced.Expect("Thermostat__get_IsHeating__return", 1)[0].Arg(0));
        Assert.Equal(2, traced.Expect("Special_Nested_Deeper__Depth__return", 1)[0].Arg(0));
    }
}
