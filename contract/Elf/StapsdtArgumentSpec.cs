using System.Collections.Generic;
using System.Text;
using Usdt.Contract;

namespace Usdt.Elf;

/// <summary>
/// Formats the argument string of a SystemTap SDT note: space-separated
/// <c>[-]size@operand</c> entries, the sign marking signed values, the operand in the
/// architecture's assembler syntax (sourceware.org/systemtap/wiki/UserSpaceProbeImplementation).
/// </summary>
internal static class StapsdtArgumentSpec
{
    public static string Format(IReadOnlyList<ArgumentKind> arguments, ElfArchitecture architecture)
    {
        var spec = new StringBuilder();
        for (int i = 0; i < arguments.Count; i++)
        {
            if (i > 0)
                spec.Append(' ');
            int size = ArgumentCodes.SizeOf(arguments[i]);
            if (ArgumentCodes.IsSigned(arguments[i]))
                spec.Append('-');
            spec.Append(size).Append('@').Append(architecture.ArgumentOperand(i, size));
        }
        return spec.ToString();
    }
}
