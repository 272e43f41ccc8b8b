using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// <c>[assembly: Budget(GpuMemoryGiB = …)]</c>: the budget of every experiment that declares none (0 when there is none or
/// it is unusable), and ALIGN046 when it is not a positive number.
/// </summary>
internal sealed record AssemblyBudget(double GiB, DiagnosticInfo? Problem)
{
    public static AssemblyBudget Read(Compilation compilation)
    {
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != KnownTypes.Budget) continue;
            var reader = new AttributeReader(attribute);
            var budget = reader.Named("GpuMemoryGiB", 0.0);
            var problem = SettingRules.CheckBudget(budget).Select(v => DiagnosticInfo.From(v, reader.LocationOf("GpuMemoryGiB"))).FirstOrDefault();
            return new AssemblyBudget(problem is null ? budget : 0.0, problem);
        }
        return new AssemblyBudget(0.0, null);
    }
}
