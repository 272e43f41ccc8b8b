using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>Reads <c>[assembly: Budget(GpuMemoryGiB = …)]</c>: the budget of every experiment that declares none.</summary>
internal static class AssemblyBudget
{
    public static double Read(Compilation compilation)
    {
        foreach (var attribute in compilation.Assembly.GetAttributes())
            if (attribute.AttributeClass?.ToDisplayString() == KnownTypes.Budget)
                return new AttributeReader(attribute).Named("GpuMemoryGiB", 0.0);
        return 0.0;
    }
}
