using System.Collections.Generic;
using System.Runtime.InteropServices;
using Usdt;

namespace AssemblyToProcess.Invalid;

public abstract class AbstractProbe
{
    public int Concrete() => 1;

    [Probe]
    public abstract int Abstract(int x);
}

public static class ExternProbe
{
    public static int Concrete() => 1;

    [Probe]
    [DllImport("libc", EntryPoint = "getpid")]
    public static extern int GetPid();
}

public class IteratorProbe
{
    [Probe]
    public IEnumerable<int> Numbers(int count)
    {
        for (int i = 0; i < count; i++)
            yield return i;
    }
}

public class TooManyArguments
{
    [Probe]
    public int Fourteen(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14) =>
        a1 + a14;
}

public class BadProbeName
{
    [Probe(Name = "not a name")]
    public int Method() => 1;
}

public class DuplicateProbeName
{
    [Probe(Name = "same")]
    public int First() => 1;

    [Probe(Name = "same")]
    public int Second() => 2;
}
