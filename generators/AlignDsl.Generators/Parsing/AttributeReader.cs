using AlignDsl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads one attribute's constant arguments, and finds where each was written so diagnostics can point at it.
/// A constructor argument is read by its parameter's name capitalised ("Task" for <c>GymData(task)</c>).
/// </summary>
internal sealed class AttributeReader(AttributeData attribute) : ISettingReader
{
    public AttributeData Attribute { get; } = attribute;

    public LocationInfo? Location => LocationInfo.From(Attribute.ApplicationSyntaxReference?.GetSyntax());

    public IEnumerable<string> Names =>
        Attribute.NamedArguments.Select(a => a.Key)
            .Concat((Attribute.AttributeConstructor?.Parameters ?? []).Take(Attribute.ConstructorArguments.Length).Select(p => SettingName(p.Name)))
            .Distinct();

    public SettingValue? Setting(string name)
    {
        if (Constant(name) is not { } constant || constant.Kind == TypedConstantKind.Error || constant.Kind == TypedConstantKind.Array) return null;
        return new SettingValue(constant.IsNull ? null : constant.Value, constant.Type);
    }

    public IReadOnlyList<string> Strings(string name) =>
        Constant(name) is { Kind: TypedConstantKind.Array, IsNull: false } array
            ? array.Values.Select(v => v.Value as string).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList()
            : [];

    private TypedConstant? Constant(string name)
    {
        foreach (var argument in Attribute.NamedArguments)
            if (argument.Key == name) return argument.Value;
        var index = PositionalIndex(name);
        return index >= 0 && index < Attribute.ConstructorArguments.Length ? Attribute.ConstructorArguments[index] : null;
    }

    private int PositionalIndex(string name)
    {
        var parameters = Attribute.AttributeConstructor?.Parameters ?? [];
        for (var i = 0; i < parameters.Length; i++)
            if (SettingName(parameters[i].Name) == name) return i;
        return -1;
    }

    /// <summary>A parameter's name as the setting it declares: <c>labelSmoothing</c> → <c>LabelSmoothing</c>.</summary>
    public static string SettingName(string parameter) =>
        parameter.Length == 0 ? parameter : char.ToUpperInvariant(parameter[0]) + parameter.Substring(1);

    /// <summary>The location of the argument <paramref name="name"/> (its value), else of the whole attribute.</summary>
    public LocationInfo? LocationOf(string name)
    {
        if (Attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list })
        {
            foreach (var argument in list.Arguments)
                if (argument.NameEquals?.Name.Identifier.ValueText == name) return LocationInfo.From(argument.Expression);
            var index = PositionalIndex(name);
            var positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            if (index >= 0 && index < positional.Count) return LocationInfo.From(positional[index].Expression);
        }
        return Location;
    }
}
