using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Usdt.Integration.Tests;

/// <summary>What a .NET assembly file is built for: IL only and any processor, or precompiled (ReadyToRun) for one.</summary>
internal sealed class PeImage
{
    // A ReadyToRun image for Linux marks its machine xor 0x7B79 (the runtime's
    // IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE for Linux), so that other loaders refuse it.
    private const ushort LinuxMachineOverride = 0x7B79;

    private readonly byte[] _bytes;
    private readonly PEHeaders _headers;

    private PeImage(byte[] bytes)
    {
        _bytes = bytes;
        using var pe = new PEReader(new MemoryStream(bytes));
        _headers = pe.PEHeaders;
    }

    public static PeImage Of(byte[] bytes) => new(bytes);

    public static PeImage Of(string path) => new(File.ReadAllBytes(path));

    /// <summary>Precompiled: it has a managed native header (ECMA-335 II.25.3.3).</summary>
    public bool IsReadyToRun => _headers.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;

    /// <summary>IL only and for any processor: machine I386, ILONLY set, 32BITREQUIRED clear.</summary>
    public bool IsIlOnlyAnyCpu =>
        _headers.CoffHeader.Machine == Machine.I386 &&
        (_headers.CorHeader!.Flags & CorFlags.ILOnly) != 0 &&
        (_headers.CorHeader.Flags & CorFlags.Requires32Bit) == 0;

    /// <summary>The processor of a Linux ReadyToRun image.</summary>
    public Machine LinuxMachine => (Machine)((ushort)_headers.CoffHeader.Machine ^ LinuxMachineOverride);

    public bool HasMethodBody(string typeName, string methodName)
    {
        using var pe = new PEReader(new MemoryStream(_bytes));
        MetadataReader metadata = pe.GetMetadataReader();
        MethodDefinition method = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition)
            .First(m => metadata.GetString(m.Name) == methodName && metadata.GetString(metadata.GetTypeDefinition(m.GetDeclaringType()).Name) == typeName);
        return pe.GetMethodBody(method.RelativeVirtualAddress).Size > 0;
    }

    public override string ToString() =>
        $"machine {_headers.CoffHeader.Machine}, flags {_headers.CorHeader!.Flags}, ReadyToRun {IsReadyToRun}";
}
