using System;
using System.Linq;
using Mono.Cecil;

namespace Usdt.Fody.Emit;

/// <summary>
/// The members of the Usdt runtime (Usdt.dll) that woven code calls, imported into the
/// module being woven. The weaver and the runtime ship together; a member missing here
/// means the referenced Usdt.dll is not the one this weaver was built for.
/// </summary>
internal sealed class RuntimeReferences
{
    public const string AssemblyName = "Usdt";

    private readonly ModuleDefinition _module;
    private readonly TypeDefinition _probeFire, _probeArgs, _probeClock, _taskCompletion, _wovenProbes, _registration;
    private readonly MethodReference[] _fire = new MethodReference[13];

    private RuntimeReferences(ModuleDefinition module, AssemblyDefinition usdt)
    {
        _module = module;
        TypeDefinition Type(string name) =>
            usdt.MainModule.GetType(name) ?? throw new MissingRuntimeMemberException(name);
        _probeFire = Type("Usdt.Firing.ProbeFire");
        _probeArgs = Type("Usdt.Firing.ProbeArgs");
        _probeClock = Type("Usdt.Firing.ProbeClock");
        _taskCompletion = Type("Usdt.Firing.TaskCompletion");
        _wovenProbes = Type("Usdt.Weaving.WovenProbes");
        _registration = Type("Usdt.ProbeRegistration");
        TypeDefinition methodRegistration = Type("Usdt.Weaving.MethodProbeRegistration");

        for (int i = 0; i < _fire.Length; i++)
            _fire[i] = Import(_probeFire, "Fire" + i);
        Utf8 = Import(_probeArgs, "Utf8");
        Guid = Import(_probeArgs, "Guid");
        ExceptionType = Import(_probeArgs, "ExceptionType");
        Single = Import(_probeArgs, "Single");
        Double = Import(_probeArgs, "Double");
        DateTime = Import(_probeArgs, "DateTime");
        DateTimeOffset = Import(_probeArgs, "DateTimeOffset");
        TimeSpan = Import(_probeArgs, "TimeSpan");
        GenericValue = Import(_probeArgs, "Value");
        Timestamp = Import(_probeClock, "Timestamp");
        ElapsedNanoseconds = Import(_probeClock, "ElapsedNanoseconds");
        FireWhenTaskDone = Import(_taskCompletion, "FireWhenDone", generic: false);
        FireWhenTaskOfTDone = Import(_taskCompletion, "FireWhenDone", generic: true);
        Register = _module.ImportReference(_wovenProbes.Methods.SingleOrDefault(m => m.Name == "Register" && m.Parameters.Count == 4)
            ?? throw new MissingRuntimeMemberException($"{_wovenProbes.FullName}.Register(string, string, RuntimeTypeHandle, string)"));
        SemaphoreBase = Import(_registration, "get_SemaphoreBase");
        StubBase = Import(_registration, "get_StubBase");
        RegistrationType = module.ImportReference(_registration);
        FireMethod = Import(_probeFire, "Method");
        RegisterMethodNames = Import(_wovenProbes, "RegisterMethodNames");
        MethodRegistrationType = module.ImportReference(methodRegistration);
        MethodNamesBase = Import(methodRegistration, "get_NamesBase");
        MethodSemaphoreBase = Import(methodRegistration, "get_SemaphoreBase");
        MethodStubBase = Import(methodRegistration, "get_StubBase");
    }

    /// <summary>Finds Usdt.dll among the project's references and imports what woven code needs.</summary>
    /// <exception cref="MissingRuntimeMemberException">Usdt.dll is missing or does not match this weaver.</exception>
    public static RuntimeReferences Resolve(ModuleDefinition module, Func<string, AssemblyDefinition?> resolveAssembly)
    {
        AssemblyDefinition usdt = resolveAssembly(AssemblyName)
            ?? throw new MissingRuntimeMemberException("the Usdt assembly (Usdt.dll) among the project's references");
        return new RuntimeReferences(module, usdt);
    }

    /// <summary><c>ProbeFire.FireN(nint stub, long × N)</c>.</summary>
    public MethodReference Fire(int argumentCount) => _fire[argumentCount];

    public MethodReference Utf8 { get; }
    public MethodReference Guid { get; }
    public MethodReference ExceptionType { get; }
    public MethodReference Single { get; }
    public MethodReference Double { get; }
    public MethodReference DateTime { get; }
    public MethodReference DateTimeOffset { get; }
    public MethodReference TimeSpan { get; }
    public MethodReference Timestamp { get; }
    public MethodReference ElapsedNanoseconds { get; }
    /// <summary><c>WovenProbes.Register(string table, string label, RuntimeTypeHandle anchor, string assemblyStem)</c>.</summary>
    public MethodReference Register { get; }
    public MethodReference SemaphoreBase { get; }
    public MethodReference StubBase { get; }
    public TypeReference RegistrationType { get; }

    /// <summary><c>ProbeFire.Method(stub, class, length, method, length, signature, length)</c>: the generic pair's firing.</summary>
    public MethodReference FireMethod { get; }

    /// <summary><c>WovenProbes.RegisterMethodNames(byte*, int, RuntimeTypeHandle, string)</c>.</summary>
    public MethodReference RegisterMethodNames { get; }
    public TypeReference MethodRegistrationType { get; }
    public MethodReference MethodNamesBase { get; }
    public MethodReference MethodSemaphoreBase { get; }
    public MethodReference MethodStubBase { get; }

    /// <summary><c>ProbeArgs.Value&lt;T&gt;(T, int slot, int limit)</c> for a value whose type is the generic parameter <paramref name="type"/>.</summary>
    public MethodReference GenericValueOf(TypeReference type)
    {
        var instance = new GenericInstanceMethod(GenericValue);
        instance.GenericArguments.Add(type);
        return instance;
    }

    private MethodReference GenericValue { get; }

    /// <summary>
    /// <c>TaskCompletion.FireWhenDone(nint stub, Task, long start, int limit)</c>, or its
    /// <c>Task&lt;T&gt;</c> overload for <paramref name="resultType"/> when not null.
    /// </summary>
    public MethodReference FireWhenDone(TypeReference? resultType)
    {
        if (resultType is null)
            return FireWhenTaskDone;
        var instance = new GenericInstanceMethod(FireWhenTaskOfTDone);
        instance.GenericArguments.Add(resultType);
        return instance;
    }

    private MethodReference FireWhenTaskDone { get; }
    private MethodReference FireWhenTaskOfTDone { get; }

    private MethodReference Import(TypeDefinition type, string name, bool? generic = null)
    {
        MethodDefinition method = type.Methods.SingleOrDefault(m => m.Name == name && (generic is null || m.HasGenericParameters == generic))
            ?? throw new MissingRuntimeMemberException($"{type.FullName}.{name}");
        return _module.ImportReference(method);
    }
}

/// <summary>Usdt.dll is absent or lacks a member this weaver calls.</summary>
internal sealed class MissingRuntimeMemberException(string what) : Exception(
    $"Usdt.Fody cannot find {what}. Reference the Usdt.Fody package (it brings Usdt.dll) and keep the weaver and Usdt.dll at the same version.");
