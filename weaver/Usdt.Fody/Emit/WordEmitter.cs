using System;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Arguments;

namespace Usdt.Fody.Emit;

/// <summary>Emits the IL that turns a loaded value into the 64-bit word its probe argument passes.</summary>
internal sealed class WordEmitter
{
    private readonly RuntimeReferences _runtime;
    private readonly ModuleDefinition _module;
    private readonly int _stringLimit;

    public WordEmitter(RuntimeReferences runtime, ModuleDefinition module, int stringLimit)
    {
        _runtime = runtime;
        _module = module;
        _stringLimit = stringLimit;
    }

    /// <summary>The byte limit of strings passed to tracers (FodyWeavers.xml <c>StringLimit</c>).</summary>
    public int StringLimit => _stringLimit;

    /// <summary>
    /// Appends to <paramref name="block"/> the word for argument <paramref name="slot"/>:
    /// <paramref name="load"/> pushes the value (or, for a <c>ref</c>, its address), which
    /// is converted; unsupported slots push 0 without loading anything.
    /// </summary>
    public void Emit(InstructionBlock block, ArgumentMapping mapping, Action<InstructionBlock> load, int slot)
    {
        if (!mapping.IsSupported)
        {
            block.Add(OpCodes.Ldc_I8, 0L);
            return;
        }
        load(block);
        if (mapping.Dereference)
            block.Add(OpCodes.Ldobj, _module.ImportReference(mapping.ValueType));

        switch (mapping.Conversion)
        {
            case WordConversion.SignExtend: block.Add(OpCodes.Conv_I8); break;
            case WordConversion.ZeroExtend: block.Add(OpCodes.Conv_U8); break;
            case WordConversion.AsIs: break;
            case WordConversion.Utf8String:
                block.Add(OpCodes.Ldc_I4, slot).Add(OpCodes.Ldc_I4, _stringLimit).Add(OpCodes.Call, _runtime.Utf8);
                break;
            case WordConversion.SingleBits: block.Add(OpCodes.Call, _runtime.Single); break;
            case WordConversion.DoubleBits: block.Add(OpCodes.Call, _runtime.Double); break;
            case WordConversion.DateTimeTicks: block.Add(OpCodes.Call, _runtime.DateTime); break;
            case WordConversion.DateTimeOffsetTicks: block.Add(OpCodes.Call, _runtime.DateTimeOffset); break;
            case WordConversion.TimeSpanTicks: block.Add(OpCodes.Call, _runtime.TimeSpan); break;
            case WordConversion.GuidText: block.Add(OpCodes.Ldc_I4, slot).Add(OpCodes.Call, _runtime.Guid); break;
            case WordConversion.RuntimeType:
                block.Add(OpCodes.Ldc_I4, slot).Add(OpCodes.Ldc_I4, _stringLimit)
                     .Add(OpCodes.Call, _runtime.GenericValueOf(mapping.ValueType));
                break;
            default:
                throw new InvalidOperationException($"No conversion for {mapping.Conversion}.");
        }
    }

    /// <summary>Appends the word of the exception held in <paramref name="exception"/> (an object local): its type name, or 0.</summary>
    public void EmitExceptionName(InstructionBlock block, VariableDefinition exception) =>
        block.Add(OpCodes.Ldloc, exception).Add(OpCodes.Ldc_I4, _stringLimit).Add(OpCodes.Call, _runtime.ExceptionType);
}
