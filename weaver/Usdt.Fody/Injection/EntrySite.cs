using Mono.Cecil;
using Mono.Cecil.Cil;
using Usdt.Fody.Emit;

namespace Usdt.Fody.Injection;

/// <summary>The <c>__entry</c> probe site: fires with the method's declared parameters (never <c>this</c>).</summary>
internal static class EntrySite
{
    public static InstructionBlock Build(FunctionProbePlan plan, int probe, ProbeSiteEmitter sites, WordEmitter words)
    {
        MethodDefinition method = plan.Method;
        return sites.Site(probe, plan.Parameters.Count, block =>
        {
            for (int i = 0; i < plan.Parameters.Count; i++)
            {
                ParameterDefinition parameter = method.Parameters[i];
                words.Emit(block, plan.Parameters[i], b => b.Add(OpCodes.Ldarg, parameter), slot: i);
            }
        });
    }
}
