using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Selection;

namespace Usdt.Fody.Injection;

/// <summary>
/// Which methods get their traced copy in a separate method (<see cref="TracedMethod"/>)
/// rather than at the end of their own body. Out of line, the woven method grows by the check
/// and a call only, so the JIT's inlining heuristics, which weigh every IL byte of a callee,
/// judge it almost as they judge the unwoven method. The others stay in line:
/// <list type="bullet">
/// <item>constructors: the copy could not call the base constructor again, nor set readonly fields;</item>
/// <item>vararg methods (ECMA-335 II.15.4.1.5): <c>arglist</c> reads the caller's extra arguments, which a forwarding call drops;</item>
/// <item>async kickoffs and iterators: the debugger and async stack traces find their state machine through the method itself;</item>
/// <item>methods that look at their own frame or caller (<c>GetCurrentMethod</c>, <c>GetCallingAssembly</c>, a <c>StackFrame</c>): traced, they would see the copy.</item>
/// </list>
/// Methods with <c>jmp</c> are never woven (<see cref="MethodSelector"/>), and <c>arglist</c>
/// only occurs in vararg methods.
/// </summary>
internal static class TracedMethodRule
{
    private static readonly (string Type, string Method)[] FrameSensitive =
    [
        ("System.Reflection.MethodBase", "GetCurrentMethod"),
        ("System.Reflection.Assembly", "GetCallingAssembly"),
        ("System.Diagnostics.StackFrame", ".ctor"),
        ("System.Diagnostics.StackTrace", ".ctor"),
    ];

    public static bool MovesOut(MethodDefinition method) =>
        !method.IsConstructor &&
        method.CallingConvention != MethodCallingConvention.VarArg &&
        MethodShapes.Of(method) == MethodShape.Ordinary &&
        !LooksAtItsFrame(method.Body);

    private static bool LooksAtItsFrame(MethodBody body)
    {
        foreach (Instruction instruction in body.Instructions)
        {
            if (instruction.Operand is MethodReference callee && IsFrameSensitive(callee))
                return true;
        }
        return false;
    }

    // The name first: it rules out nearly every call without building the type's full name.
    private static bool IsFrameSensitive(MethodReference callee)
    {
        foreach ((string type, string name) in FrameSensitive)
        {
            if (callee.Name == name && callee.DeclaringType.FullName == type)
                return true;
        }
        return false;
    }
}
