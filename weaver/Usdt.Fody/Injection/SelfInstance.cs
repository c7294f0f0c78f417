using Mono.Cecil;

namespace Usdt.Fody.Injection;

/// <summary>
/// A type as its own members must refer to it: instantiated over its own generic
/// parameters when it has any (<c>Box`1&lt;!0&gt;</c>, ECMA-335 II.9.4), else the definition.
/// </summary>
internal static class SelfInstance
{
    public static TypeReference Of(TypeDefinition type)
    {
        if (!type.HasGenericParameters)
            return type;
        var self = new GenericInstanceType(type);
        foreach (GenericParameter parameter in type.GenericParameters)
            self.GenericArguments.Add(parameter);
        return self;
    }
}
