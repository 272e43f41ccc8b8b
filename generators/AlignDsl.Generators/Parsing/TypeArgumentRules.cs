using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// What a <c>typeof(...)</c> setting must be before anything else is asked of it: a named, closed type the generated
/// code (inside the experiment class) can see. Arrays, <c>null</c>, type parameters and open generics cannot be
/// instantiated or run, and were once silently dropped.
/// </summary>
internal static class TypeArgumentRules
{
    /// <summary>The type written for <paramref name="setting"/> when it is usable; else null, with how it was written in <paramref name="written"/>.</summary>
    public static INamedTypeSymbol? Usable(ISettingReader reader, string setting, INamedTypeSymbol within, Compilation compilation, out string written)
    {
        var value = reader.Setting(setting)?.Value;
        written = (value as ISymbol)?.ToDisplayString() ?? (value?.ToString() ?? "null");
        if (value is not INamedTypeSymbol type || type.IsUnboundGenericType || type.TypeArguments.Any(t => t is ITypeParameterSymbol)) return null;
        return compilation.IsSymbolAccessibleWithin(type, within) ? type : null;
    }

    /// <summary>Whether the setting was written with something the compiler could bind (an unknown type is the compiler's error, not ours).</summary>
    public static bool WrittenAndBound(ISettingReader reader, string setting) =>
        reader.Setting(setting) is { } written && written.Value is not ITypeSymbol { TypeKind: TypeKind.Error };

    /// <summary>A public parameterless constructor the generated code can call, on a type that is not abstract.</summary>
    public static bool Constructible(INamedTypeSymbol type, INamedTypeSymbol within, Compilation compilation) =>
        !type.IsAbstract && !type.IsStatic
        && (type.TypeKind == TypeKind.Struct
            || type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public && compilation.IsSymbolAccessibleWithin(c, within)));
}
