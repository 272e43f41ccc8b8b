using AlignDsl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AlignDsl.Generators.Parsing;

/// <summary>Reads one attribute's constant arguments, and finds where each was written so diagnostics can point at it.</summary>
internal sealed class AttributeReader(AttributeData attribute)
{
    public AttributeData Attribute { get; } = attribute;

    public LocationInfo? Location => LocationInfo.From(Attribute.ApplicationSyntaxReference?.GetSyntax());

    public T Named<T>(string name, T fallback)
    {
        foreach (var argument in Attribute.NamedArguments)
            if (argument.Key == name && !argument.Value.IsNull && argument.Value.Kind != TypedConstantKind.Error && argument.Value.Value is { } value)
                return Convert<T>(value, fallback);
        return fallback;
    }

    public TypedConstant? NamedConstant(string name)
    {
        foreach (var argument in Attribute.NamedArguments)
            if (argument.Key == name) return argument.Value;
        return null;
    }

    public TypedConstant? Positional(int index) =>
        index < Attribute.ConstructorArguments.Length ? Attribute.ConstructorArguments[index] : null;

    /// <summary>The location of the named argument <paramref name="name"/> (its value), else of the whole attribute.</summary>
    public LocationInfo? LocationOf(string name)
    {
        if (Attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list })
            foreach (var argument in list.Arguments)
                if (argument.NameEquals?.Name.Identifier.ValueText == name) return LocationInfo.From(argument.Expression);
        return Location;
    }

    /// <summary>The location of the first positional argument, else of the whole attribute.</summary>
    public LocationInfo? LocationOfPositional(int index)
    {
        if (Attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list })
        {
            var positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            if (index < positional.Count) return LocationInfo.From(positional[index].Expression);
        }
        return Location;
    }

    private static T Convert<T>(object value, T fallback)
    {
        try { return (T)System.Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException) { return fallback; }
    }
}
