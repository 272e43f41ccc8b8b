using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// The experiment class's <c>[Reward]</c> methods, its own and its base classes', and the checks that let the generated
/// loop call each directly: static (ALIGN082); not generic, taking (string prompt, string completion) and returning
/// double, float or int (ALIGN083); not private to a base class (ALIGN084). Each is reported at the method's name.
/// </summary>
internal static class RewardMethodParser
{
    /// <summary>A method marked <c>[Reward]</c>, with its attribute and where its name is written.</summary>
    public sealed record Declared(IMethodSymbol Method, ISettingReader Reader, LocationInfo? Location);

    public static List<Declared> Find(INamedTypeSymbol experimentType)
    {
        var found = new List<Declared>();
        for (var type = experimentType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
                if (method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownTypes.RewardMethod) is { } attribute)
                {
                    var reader = new AttributeReader(attribute);
                    found.Add(new Declared(method, reader, LocationInfo.From(method.Locations.FirstOrDefault(l => l.IsInSource)) ?? reader.Location));
                }
        return found;
    }

    /// <summary>The method as a reward of weight 1 (the caller reads the weight), or null when the loop could not call it.</summary>
    public static RewardSourceModel? Check(Declared declared, INamedTypeSymbol experimentType, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        var (method, location) = (declared.Method, declared.Location);
        var errors = diagnostics.Count;
        if (!method.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardMethodNotStatic, location, method.Name));
        if (method.IsGenericMethod)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardMethodSignature, location, method.Name,
                $"is generic ({string.Join(", ", method.TypeParameters.Select(t => t.Name))}): remove its type parameters"));
        if (method.Parameters.Length != 2 || method.Parameters.Any(p => p.Type.SpecialType != SpecialType.System_String || p.RefKind != RefKind.None || p.IsParams))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardMethodSignature, location, method.Name,
                $"takes ({string.Join(", ", method.Parameters.Select(Written))}), where the loop passes the prompt and the sampled completion"));
        if (method.ReturnsByRef || method.ReturnsByRefReadonly
            || method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardMethodSignature, location, method.Name,
                $"returns {(method.ReturnsVoid ? "nothing" : method.ReturnType.ToDisplayString())}, where the loop adds up numbers (double, float or int)"));
        if (!compilation.IsSymbolAccessibleWithin(method, experimentType))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.RewardMethodInaccessible, location, method.Name, method.ContainingType.Name, experimentType.Name));
        if (diagnostics.Count > errors) return null;
        return new RewardSourceModel(null, null, null, location)
        {
            Method = method.Name,
            MethodCall = experimentType.Name + "." + method.Name,
            MethodReturnsDouble = method.ReturnType.SpecialType == SpecialType.System_Double,
        };
    }

    /// <summary>A parameter as written: "ref string text", "int count".</summary>
    private static string Written(IParameterSymbol parameter) =>
        (parameter.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", _ => "" }) + (parameter.IsParams ? "params " : "")
        + parameter.Type.ToDisplayString() + " " + parameter.Name;
}
