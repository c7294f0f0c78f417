using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Contract;

namespace Usdt.Fody.Emit;

/// <summary>
/// The woven module's probe table: a generated class <c>&lt;UsdtProbes&gt;</c> whose static
/// constructor registers every probe of the module with the runtime and keeps the
/// semaphore and stub base addresses in two <c>static readonly</c> fields. Probe sites
/// read <c>*(ushort*)(Semaphores + ProbeContract.SemaphoreStride * i)</c>; tier-1 JIT folds
/// the field into a constant.
/// The module initializer touches the class, so probes are registered as soon as the
/// module loads, before a tracer looks for them.
/// </summary>
internal sealed class ProbeTable
{
    public const string TypeName = "<UsdtProbes>";

    private readonly ModuleDefinition _module;
    private readonly RuntimeReferences _runtime;
    private readonly List<ProbeSpec> _probes = [];
    private readonly TypeDefinition _type;
    private readonly FieldDefinition _semaphores;
    private readonly FieldDefinition _stubs;
    private string? _text;

    /// <param name="methodNames">Whether woven methods also report through the generic pair (see <see cref="MethodNames"/>).</param>
    public ProbeTable(ModuleDefinition module, RuntimeReferences runtime, bool methodNames = false)
    {
        _module = module;
        _runtime = runtime;
        // Not beforefieldinit: the static constructor runs exactly when the module
        // initializer calls Initialize, not at some earlier moment of the runtime's choosing.
        _type = new TypeDefinition("", TypeName,
            TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class,
            module.TypeSystem.Object);
        _semaphores = new FieldDefinition("Semaphores", FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly, module.TypeSystem.IntPtr);
        _stubs = new FieldDefinition("Stubs", FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly, module.TypeSystem.IntPtr);
        _type.Fields.Add(_semaphores);
        _type.Fields.Add(_stubs);
        MethodNames = methodNames ? new MethodNameTable(module, runtime, _type) : null;
    }

    /// <summary>The names of the methods reporting through the generic pair; null when generic probes are off.</summary>
    public MethodNameTable? MethodNames { get; }

    public int Count => _probes.Count;

    /// <summary>Every probe added, in table order: what the probe library describes.</summary>
    public IReadOnlyList<ProbeSpec> Probes => _probes;

    /// <summary>The table text the module registers (<see cref="ProbeTableText"/>).</summary>
    /// <remarks>Made once: the registration and the libraries' hash both need it, and for a large module it is megabytes.</remarks>
    public string Text => _text ??= ProbeTableText.Of(_probes);

    /// <summary>Adds a probe; returns its index (its semaphore and stub slot).</summary>
    public int Add(string provider, string name, IReadOnlyList<ArgumentKind> arguments)
    {
        _probes.Add(new ProbeSpec(provider, name, arguments));
        _text = null;
        return _probes.Count - 1;
    }

    /// <summary>Pushes the address of probe <paramref name="index"/>'s semaphore.</summary>
    public void EmitSemaphoreAddress(InstructionBlock block, int index) =>
        EmitElementAddress(block, _semaphores, index * ProbeContract.SemaphoreStride);

    /// <summary>Pushes the address of probe <paramref name="index"/>'s stub.</summary>
    public void EmitStubAddress(InstructionBlock block, int index) =>
        EmitElementAddress(block, _stubs, index * ProbeContract.StubStride);

    /// <summary>Pushes 1-or-more when probe <paramref name="index"/> is enabled, 0 otherwise: one 2-byte read.</summary>
    public void EmitIsEnabled(InstructionBlock block, int index)
    {
        EmitSemaphoreAddress(block, index);
        block.Add(OpCodes.Ldind_U2);
    }

    /// <summary>
    /// Pushes non-zero when probe <paramref name="index"/> or the next one is enabled: one
    /// 4-byte read over both 2-byte semaphores, so a method's entry checks its entry and
    /// return probes at once. (Unaligned when the index is odd: fine on x64 and arm64.)
    /// </summary>
    public void EmitIsEitherOfPairEnabled(InstructionBlock block, int index)
    {
        EmitSemaphoreAddress(block, index);
        block.Add(Instruction.Create(OpCodes.Unaligned, (byte)1)).Add(OpCodes.Ldind_U4); // ECMA-335 III.2.5
    }

    private static void EmitElementAddress(InstructionBlock block, FieldDefinition field, int offset)
    {
        block.Add(OpCodes.Ldsfld, field);
        if (offset != 0)
            block.Add(OpCodes.Ldc_I4, offset).Add(OpCodes.Add);
    }

    /// <summary>
    /// Adds the class, its static constructor and the module initializer call. Call once,
    /// after every probe was added. <paramref name="assemblyStem"/> names the built
    /// libraries the runtime looks for (<see cref="ProbeLibraryFiles"/>).
    /// </summary>
    public void Complete(string label, string assemblyStem)
    {
        if (_probes.Count == 0)
            return;
        _module.Types.Add(_type);

        var cctor = new MethodDefinition(".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            _module.TypeSystem.Void);
        var registration = new VariableDefinition(_runtime.RegistrationType);
        cctor.Body.Variables.Add(registration);
        var body = new InstructionBlock()
            .Add(Instruction.Create(OpCodes.Ldstr, Text))
            .Add(Instruction.Create(OpCodes.Ldstr, label))
            .Add(OpCodes.Ldtoken, _type)
            .Add(Instruction.Create(OpCodes.Ldstr, assemblyStem))
            .Add(OpCodes.Call, _runtime.Register)
            .Add(OpCodes.Stloc, registration)
            .Add(OpCodes.Ldloc, registration)
            .Add(OpCodes.Callvirt, _runtime.SemaphoreBase)
            .Add(OpCodes.Stsfld, _semaphores)
            .Add(OpCodes.Ldloc, registration)
            .Add(OpCodes.Callvirt, _runtime.StubBase)
            .Add(OpCodes.Stsfld, _stubs);
        if (MethodNames is { IsEmpty: false })
            MethodNames.EmitRegistration(body, cctor.Body, assemblyStem);
        body.Add(OpCodes.Ret).AppendTo(cctor.Body);
        _type.Methods.Add(cctor);

        var initialize = new MethodDefinition("Initialize",
            MethodAttributes.Assembly | MethodAttributes.Static | MethodAttributes.HideBySig, _module.TypeSystem.Void);
        initialize.Body.Instructions.Add(Instruction.Create(OpCodes.Ret));
        _type.Methods.Add(initialize);

        CallFromModuleInitializer(initialize);
    }

    /// <summary>
    /// Runs <paramref name="initialize"/> first thing in the module initializer
    /// (<c>&lt;Module&gt;..cctor</c>, ECMA-335 II.10.5.3.1), before any user module
    /// initializer, which might already call probed methods.
    /// </summary>
    private void CallFromModuleInitializer(MethodDefinition initialize)
    {
        TypeDefinition moduleType = _module.Types.First(t => t.Name == "<Module>");
        MethodDefinition? cctor = moduleType.Methods.FirstOrDefault(m => m.IsConstructor && m.IsStatic);
        if (cctor is null)
        {
            cctor = new MethodDefinition(".cctor",
                MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
                _module.TypeSystem.Void);
            cctor.Body.Instructions.Add(Instruction.Create(OpCodes.Ret));
            moduleType.Methods.Add(cctor);
        }
        cctor.Body.Instructions.Insert(0, Instruction.Create(OpCodes.Call, initialize));
    }
}
