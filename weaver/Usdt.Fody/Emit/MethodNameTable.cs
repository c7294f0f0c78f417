using System.Collections.Generic;
using System.Text;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Contract;

namespace Usdt.Fody.Emit;

/// <summary>
/// A woven module's side of the generic <c>dotnet:method__entry</c>/<c>method__return</c>
/// pair (<see cref="MethodProbes"/>): the names of its probed methods (class, method and
/// signature as NUL-terminated UTF-8, each distinct string once) in a data field of the image,
/// which the runtime copies where tracers can read it; three <c>static readonly</c> fields of
/// <c>&lt;UsdtProbes&gt;</c> for the copy's address and the pair's semaphores and stubs; and
/// the sites that fire the pair with a method's names.
/// </summary>
internal sealed class MethodNameTable
{
    private readonly ModuleDefinition _module;
    private readonly RuntimeReferences _runtime;
    private readonly TypeDefinition _owner;
    private readonly List<byte> _bytes = [];
    private readonly Dictionary<string, MethodName> _strings = [];
    private readonly FieldDefinition _names;
    private readonly FieldDefinition _semaphores;
    private readonly FieldDefinition _stubs;

    public MethodNameTable(ModuleDefinition module, RuntimeReferences runtime, TypeDefinition owner)
    {
        _module = module;
        _runtime = runtime;
        _owner = owner;
        _names = Field("MethodNames");
        _semaphores = Field("MethodSemaphores");
        _stubs = Field("MethodStubs");
    }

    private FieldDefinition Field(string name)
    {
        var field = new FieldDefinition(name, FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly, _module.TypeSystem.IntPtr);
        _owner.Fields.Add(field);
        return field;
    }

    public bool IsEmpty => _bytes.Count == 0;

    /// <summary>Adds a method's names (each string stored once); returns where they are.</summary>
    public MethodNames Add(string className, string methodName, string signature) =>
        new(String(className), String(methodName), String(signature));

    private MethodName String(string text)
    {
        if (_strings.TryGetValue(text, out MethodName known))
            return known;
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var name = new MethodName(_bytes.Count, utf8.Length);
        _bytes.AddRange(utf8);
        _bytes.Add(0);
        _strings.Add(text, name);
        return name;
    }

    /// <summary>Pushes non-zero when either probe of the pair is enabled: one 4-byte read over both semaphores.</summary>
    public void EmitIsEitherEnabled(InstructionBlock block) =>
        block.Add(OpCodes.Ldsfld, _semaphores).Add(OpCodes.Ldind_U4);

    /// <summary><c>if (pair semaphore != 0) ProbeFire.Method(stub, names...)</c> for <c>method__entry</c>, or <c>method__return</c>.</summary>
    public InstructionBlock Site(MethodNames names, bool isReturn)
    {
        var block = new InstructionBlock();
        Instruction skip = Instruction.Create(OpCodes.Nop);
        block.Add(OpCodes.Ldsfld, _semaphores);
        if (isReturn)
            block.Add(OpCodes.Ldc_I4, ProbeContract.SemaphoreStride).Add(OpCodes.Add);
        block.Add(OpCodes.Ldind_U2).Add(OpCodes.Brfalse, skip);
        block.Add(OpCodes.Ldsfld, _stubs);
        if (isReturn)
            block.Add(OpCodes.Ldc_I4, ProbeContract.StubStride).Add(OpCodes.Add);
        foreach (MethodName name in new[] { names.Class, names.Method, names.Signature })
        {
            block.Add(OpCodes.Ldsfld, _names).Add(OpCodes.Ldc_I4, name.Offset).Add(OpCodes.Add)
                 .Add(OpCodes.Ldc_I4, name.Length);
        }
        return block.Add(OpCodes.Call, _runtime.FireMethod).Add(skip);
    }

    /// <summary>
    /// Appends to the probe table's static constructor the registration of the names, which
    /// also registers the process-wide pair on first use. Call once, after every name was added.
    /// </summary>
    public void EmitRegistration(InstructionBlock cctor, MethodBody body, string assemblyStem)
    {
        byte[] data = _bytes.ToArray();
        // Image data (an RVA field, ECMA-335 II.16.3.2) of a value type exactly its size.
        var blob = new TypeDefinition("", $"NameData{data.Length}",
            TypeAttributes.NestedPrivate | TypeAttributes.ExplicitLayout | TypeAttributes.Sealed | TypeAttributes.AnsiClass,
            new TypeReference("System", "ValueType", _module, _module.TypeSystem.CoreLibrary))
        {
            PackingSize = 1,
            ClassSize = data.Length,
        };
        _owner.NestedTypes.Add(blob);
        var field = new FieldDefinition("NameBytes", FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly | FieldAttributes.HasFieldRVA, blob)
        {
            InitialValue = data,
        };
        _owner.Fields.Add(field);

        var registration = new VariableDefinition(_runtime.MethodRegistrationType);
        body.Variables.Add(registration);
        cctor.Add(OpCodes.Ldsflda, field)
             .Add(OpCodes.Conv_U)
             .Add(OpCodes.Ldc_I4, data.Length)
             .Add(OpCodes.Ldtoken, _owner)
             .Add(Instruction.Create(OpCodes.Ldstr, assemblyStem))
             .Add(OpCodes.Call, _runtime.RegisterMethodNames)
             .Add(OpCodes.Stloc, registration)
             .Add(OpCodes.Ldloc, registration).Add(OpCodes.Callvirt, _runtime.MethodNamesBase).Add(OpCodes.Stsfld, _names)
             .Add(OpCodes.Ldloc, registration).Add(OpCodes.Callvirt, _runtime.MethodSemaphoreBase).Add(OpCodes.Stsfld, _semaphores)
             .Add(OpCodes.Ldloc, registration).Add(OpCodes.Callvirt, _runtime.MethodStubBase).Add(OpCodes.Stsfld, _stubs);
    }
}
