using System;

namespace Usdt.Firing;

/// <summary>Calls a stub with as many argument words as the probe declares.</summary>
internal static class StubCall
{
    public static void Invoke(nint stub, ReadOnlySpan<long> a)
    {
        switch (a.Length)
        {
            case 0: ProbeFire.Fire0(stub); break;
            case 1: ProbeFire.Fire1(stub, a[0]); break;
            case 2: ProbeFire.Fire2(stub, a[0], a[1]); break;
            case 3: ProbeFire.Fire3(stub, a[0], a[1], a[2]); break;
            case 4: ProbeFire.Fire4(stub, a[0], a[1], a[2], a[3]); break;
            case 5: ProbeFire.Fire5(stub, a[0], a[1], a[2], a[3], a[4]); break;
            case 6: ProbeFire.Fire6(stub, a[0], a[1], a[2], a[3], a[4], a[5]); break;
            case 7: ProbeFire.Fire7(stub, a[0], a[1], a[2], a[3], a[4], a[5], a[6]); break;
            case 8: ProbeFire.Fire8(stub, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]); break;
            case 9: ProbeFire.Fire9(stub, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]); break;
            case 10: ProbeFire.Fire10(stub, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]); break;
            case 11: ProbeFire.Fire11(stub, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]); break;
            default: ProbeFire.Fire12(stub, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]); break;
        }
    }
}
