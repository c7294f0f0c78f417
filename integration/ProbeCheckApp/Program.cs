using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using ProbeCheck;
using Usdt;

// Calls one woven method per argument kind (CheckedCalls) and prints what each returned.
//
//   ProbeCheck                    probes left as they are (disabled: nobody traces)
//   ProbeCheck --wait             as above, after a line on standard input: a tracer
//                                 attaches first (prints "waiting" when ready for it)
//   ProbeCheck --check-registers  every stub patched to record what it receives
//                                 (StubRecorder), every semaphore raised; after each call,
//                                 one line per stub that ran
//
// Output, one line each:
//   registration placement=P probes=N library=PATH reason=R
//   record METHOD N probe=I r0=0x.. .. r7=0x.. s0=0x.. .. s6=0x.. text.LOC=HEX|null ..
//   call METHOD returned VALUE|threw TYPE as expected|UNEXPECTED
//
// rK is the K-th argument register, sK the stack word at the stub's entry sp + 8*K;
// text.LOC is the UTF-8 text (hex) a string or Guid argument's pointer at LOC points to,
// read right after the call, while the runtime's buffers still hold it.

bool checkRegisters = args is ["--check-registers"];
bool wait = args is ["--wait"];
if (args.Length > 0 && !checkRegisters && !wait)
{
    Console.Error.WriteLine("usage: ProbeCheck [--wait | --check-registers]");
    return 2;
}

ProbeRegistration[] registrations = UsdtDiagnostics.Registrations.Where(r => r.Label == "ProbeCheck").ToArray();
if (registrations.Length != 1)
{
    Console.Error.WriteLine($"expected one registration for ProbeCheck, found: {string.Join("; ", UsdtDiagnostics.Registrations)}");
    return 1;
}
ProbeRegistration registration = registrations[0];
Console.WriteLine($"registration placement={registration.Placement} probes={registration.ProbeCount} library={registration.LibraryPath} reason={registration.Reason ?? "none"}");

var kinds = new Kinds();
StubRecorder? recorder = null;
if (checkRegisters)
{
    if (!registration.IsActive)
    {
        Console.Error.WriteLine("probes are disabled: nothing to check");
        return 1;
    }
    recorder = new StubRecorder(registration);
    Console.WriteLine(recorder.Description);
    for (int i = 0; i < registration.ProbeCount; i++)
        Marshal.WriteInt16(registration.SemaphoreBase + i * ProbeRegistration.SemaphoreStride, 1);
}

if (wait)
{
    Console.WriteLine("waiting");
    Console.In.ReadLine();
}

bool allAsExpected = true;
foreach (CheckedCall call in CheckedCalls.All)
{
    MethodInfo method = typeof(Kinds).GetMethod(call.Method) ?? throw new MissingMethodException(nameof(Kinds), call.Method);
    recorder?.Reset();
    string outcome;
    bool asExpected;
    try
    {
        object? result = method.Invoke(kinds, call.Arguments);
        outcome = "returned " + Text(result);
        asExpected = call.Throws is null && Equals(result, call.Returns);
    }
    catch (TargetInvocationException e) when (e.InnerException is not null)
    {
        outcome = "threw " + e.InnerException.GetType().FullName;
        asExpected = e.InnerException.GetType().FullName == call.Throws;
    }
    if (recorder is not null)
        PrintRecords(recorder, method);
    Console.WriteLine($"call {call.Method} {outcome} {(asExpected ? "as expected" : "UNEXPECTED")}");
    allAsExpected &= asExpected;
}
return allAsExpected ? 0 : 1;

static void PrintRecords(StubRecorder recorder, MethodInfo method)
{
    // Which arguments are pointers to text: string and Guid parameters at entry; at return
    // arg0 when the method returns one, and arg2 (the exception's type name).
    int[] entryTexts = method.GetParameters().Select((p, i) => IsText(p.ParameterType) ? i : -1).Where(i => i >= 0).ToArray();
    int[] returnTexts = IsText(method.ReturnType) ? [0, 2] : [2];
    long fires = recorder.Fires;
    for (int n = 0; n < fires; n++)
    {
        var line = new StringBuilder($"record {method.Name} {n} probe={recorder.ProbeIndex(n)}");
        for (int r = 0; r < StubRecorder.RegisterWords; r++)
            line.Append(CultureInfo.InvariantCulture, $" r{r}=0x{recorder.Register(n, r):x16}");
        for (int s = 0; s < StubRecorder.StackWords; s++)
            line.Append(CultureInfo.InvariantCulture, $" s{s}=0x{recorder.Stack(n, s):x16}");
        // The first stub of a call is its entry probe, the last its return probe.
        foreach (int argument in n == 0 ? entryTexts : returnTexts)
        {
            (string location, long pointer) = ArgumentLocation(recorder, n, argument);
            line.Append($" text.{location}={(pointer == 0 ? "null" : Utf8Hex(pointer))}");
        }
        Console.WriteLine(line);
    }
}

// Where the calling convention puts argument k of a call with integer arguments only; the
// test checks that the notes say the same.
static (string Location, long Value) ArgumentLocation(StubRecorder recorder, int record, int argument)
{
    bool arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
    int registers = arm64 ? 8 : 6;
    if (argument < registers)
        return ($"r{argument}", recorder.Register(record, argument));
    int word = arm64 ? argument - registers : argument - registers + 1; // x64: sp+0 is the return address
    return ($"s{word}", recorder.Stack(record, word));
}

static unsafe string Utf8Hex(long pointer) =>
    Convert.ToHexString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)pointer));

static bool IsText(Type type) => type == typeof(string) || type == typeof(Guid);

static string Text(object? value) => value switch
{
    null => "null",
    double d => d.ToString("R", CultureInfo.InvariantCulture),
    DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
    char c => $"U+{(int)c:X4}",
    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
    _ => value.ToString() ?? "",
};
