using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Usdt;

namespace AssemblyToProcess.Shapes;

/// <summary>Expression-bodied members, local functions, lambdas, iterators, SkipLocalsInit, stackalloc, nested types and delegates.</summary>
[Probe]
public class Special
{
    public delegate int Transform(int value);

    public int Expression(int x) => x * 3;

    public int WithLocalFunction(int x)
    {
        return Twice(x) + Plain(x);

        [Probe]
        static int Twice(int y) => y * 2;

        static int Plain(int y) => y + 1;
    }

    public int WithCapturingLocalFunction(int x)
    {
        int offset = 10;
        return AddOffset(x);

        [Probe]
        int AddOffset(int y) => y + offset;
    }

    public int WithLambda(int x)
    {
        Func<int, int> add = y => y + x;
        Transform t = y => y - 1;
        return add(1) + t(x);
    }

    /// <summary>An iterator: only the creating call is probed, never the items.</summary>
    public IEnumerable<int> Range(int count)
    {
        for (int i = 0; i < count; i++)
            yield return i;
    }

    public async IAsyncEnumerable<int> RangeAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    [SkipLocalsInit]
    public int SkipLocals(int n)
    {
        Span<int> buffer = stackalloc int[16];
        int sum = 0;
        for (int i = 0; i < buffer.Length && i < n; i++)
        {
            buffer[i] = i;
            sum += buffer[i];
        }
        return sum;
    }

    [SkipLocalsInit]
    public unsafe long StackallocPointer(int n)
    {
        long* values = stackalloc long[8];
        for (int i = 0; i < 8; i++)
            values[i] = i * n;
        return values[7];
    }

    public string Checked(int a, int b) => checked(a * b).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Inlined(int x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public int NotOptimised(int x) => x - 1;

    /// <summary>Nested types take their outer type's [Probe].</summary>
    public class Nested
    {
        public int Depth() => 1;

        public class Deeper
        {
            public int Depth() => 2;
        }
    }
}

/// <summary>[NoProbe] on a method and a nested type inside a probed type.</summary>
[Probe]
public class PartlyProbed
{
    public int Probed() => 1;

    [NoProbe]
    public int Excluded() => 2;

    [NoProbe]
    public class Quiet
    {
        public int NotProbed() => 3;

        [Probe]
        public int ProbedAnyway() => 4;
    }
}
