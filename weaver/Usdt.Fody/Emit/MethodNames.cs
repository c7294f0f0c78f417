namespace Usdt.Fody.Emit;

/// <summary>Where one string of a <see cref="MethodNameTable"/> is: byte offset and length (without its NUL).</summary>
internal readonly struct MethodName
{
    public MethodName(int offset, int length)
    {
        Offset = offset;
        Length = length;
    }

    public int Offset { get; }
    public int Length { get; }
}

/// <summary>A probed method's class, method and signature in the module's <see cref="MethodNameTable"/>.</summary>
internal sealed class MethodNames
{
    public MethodNames(MethodName @class, MethodName method, MethodName signature)
    {
        Class = @class;
        Method = method;
        Signature = signature;
    }

    public MethodName Class { get; }
    public MethodName Method { get; }
    public MethodName Signature { get; }
}
