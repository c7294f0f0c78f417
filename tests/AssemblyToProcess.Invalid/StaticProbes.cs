using System.Collections.Generic;
using Usdt;

namespace AssemblyToProcess.Invalid;

[ProbeProvider("invalid")]
public static class NonEmptyBody
{
    public static void Placed(int id)
    {
        System.Console.WriteLine(id);
    }
}

[ProbeProvider("invalid")]
public static class NonVoid
{
    public static int Placed(int id) => id;
}

[ProbeProvider("invalid")]
public class NotStatic
{
    public void Placed(int id) { }
}

[ProbeProvider("invalid")]
public static class UnsupportedParameter
{
    public static void Placed(List<int> ids) { }
}

[ProbeProvider("invalid")]
public static class Overloaded
{
    public static void Placed(int id) { }

    public static void Placed(string name) { }
}

[ProbeProvider("invalid")]
public static class GenericProbe
{
    public static void Placed<T>(T value) { }
}

[ProbeProvider("invalid")]
public static class ByReference
{
    public static void Placed(ref int id) { }
}

[ProbeProvider("invalid")]
public static class OrphanEnabledCheck
{
    public static void Placed(int id) { }

    public static bool IsMissingEnabled => false;
}

[ProbeProvider("bad-provider")]
public static class BadProvider
{
    public static void Placed(int id) { }
}

[ProbeProvider("invalid")]
public static class TooManyStaticArguments
{
    public static void Placed(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13) { }
}
