using Mono.Cecil.Cil;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>
/// The one check a woven method makes while nobody traces: pushes non-zero when any probe of
/// the method is enabled. A method's entry and return probes are adjacent in the table, so
/// one 4-byte read covers both semaphores; the generic pair's two are another 4-byte read.
/// </summary>
internal static class ProbeGate
{
    public static void Emit(InstructionBlock block, FunctionProbePlan plan, ProbeSiteEmitter sites, MethodNameTable? names)
    {
        bool any = false;
        void Or()
        {
            if (any)
                block.Add(OpCodes.Or);
            any = true;
        }
        if (plan.EntryProbe is { } entry && plan.ReturnProbe == entry + 1)
        {
            sites.IsEitherOfPairEnabled(block, entry);
            Or();
        }
        else
        {
            foreach (int? probe in new[] { plan.EntryProbe, plan.ReturnProbe })
            {
                if (probe is { } index)
                {
                    sites.IsEnabled(block, index);
                    Or();
                }
            }
        }
        if (plan.Generic is not null && names is not null)
        {
            names.EmitIsEitherEnabled(block);
            Or();
        }
    }
}
