using System.Globalization;
using AlignDsl.Catalogue;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads <c>[Sweep(nameof(Beta), 0.05, 0.1)]</c> or <c>.Sweep(nameof(Beta), 0.05, 0.1)</c> from its syntax, and checks it:
/// a numeric setting the experiment has (ALIGN089), at least one value (ALIGN090), no value twice (ALIGN091), and each
/// value by the setting's own rule, reported at that value. The syntax is read because <c>nameof(Beta)</c> names a member
/// this generator declares, which the compilation it reads does not have yet.
/// </summary>
internal static class SweepParser
{
    /// <summary>The setting and values as written, before the objective is known. Transient: never stored in a model.</summary>
    public sealed record Declared(string Setting, LocationInfo? SettingLocation, List<(double Value, LocationInfo? Location)> Values, LocationInfo? Location);

    /// <summary>The arguments of the attribute or the builder call: the setting's name, then the values (or one array of them).</summary>
    public static Declared? Read(IReadOnlyList<ExpressionSyntax> arguments, LocationInfo? location, Compilation compilation, List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        if (arguments.Count == 0) return null;
        var model = compilation.GetSemanticModel(arguments[0].SyntaxTree);
        var setting = SettingName(arguments[0], model, cancellationToken);
        if (setting is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.BuilderArgumentNotConstant, LocationInfo.From(arguments[0]), "Sweep"));
            return null;
        }
        var values = new List<(double, LocationInfo?)>();
        foreach (var written in arguments.Skip(1).SelectMany(Elements))
        {
            if (Number(model.GetConstantValue(written, cancellationToken)) is { } value) values.Add((value, LocationInfo.From(written)));
            else diagnostics.Add(DiagnosticInfo.Create(RuleBook.BuilderArgumentNotConstant, LocationInfo.From(written), "Sweep"));
        }
        return new Declared(setting, LocationInfo.From(arguments[0]), values, location);
    }

    /// <summary>
    /// The sweep as a model, or null when there is no sweep. Each value is checked as the setting's declared value would
    /// be, at the value's location. An unknown setting or no values leaves a sweep without values: it expands to nothing,
    /// but its part still declares the name <c>nameof(...)</c> reads, so the ALIGN error is the only one.
    /// </summary>
    public static SweepModel? Check(Declared? declared, ObjectiveModel? objective, ISettingReader? objectiveReader, string experiment,
        List<DiagnosticInfo> diagnostics)
    {
        if (declared is null || objective is null || objectiveReader is null) return null;
        var entry = objective.Entry;
        var sweepable = Sweepable(entry);
        var empty = SyntaxFacts.IsValidIdentifier(declared.Setting)
            ? new SweepModel(declared.Setting, EquatableArray<SweepValueModel>.Empty, declared.Location) : null;
        if (!sweepable.Contains(declared.Setting))
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.SweepSettingUnknown, declared.SettingLocation, declared.Setting, entry.Display,
                string.Join(", ", sweepable.Take(sweepable.Count - 1)) + " or " + sweepable[sweepable.Count - 1]));
            return empty;
        }
        if (declared.Values.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.SweepWithoutValues, declared.Location, declared.Setting, experiment));
            return empty;
        }
        var values = new List<SweepValueModel>();
        foreach (var (value, location) in declared.Values)
        {
            if (values.Any(v => v.Value.Equals(value)))
            {
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.SweepValueRepeated, location, declared.Setting, value, experiment));
                continue;
            }
            if (declared.Setting == "LearningRate")
            {
                foreach (var v in SettingRules.CheckLearningRate(value)) diagnostics.Add(DiagnosticInfo.From(v, location));
                values.Add(new SweepValueModel(value, location, EquatableArray<double>.Empty));
                continue;
            }
            var member = ObjectiveParser.Values(entry, objectiveReader, declared.Setting, value);
            foreach (var v in SettingRules.CheckObjective(entry, name => member[entry.IndexOf(name)], name => name == declared.Setting || objectiveReader.Has(name)))
                diagnostics.Add(DiagnosticInfo.From(v, location));
            values.Add(new SweepValueModel(value, location, member.ToEquatableArray()));
        }
        return new SweepModel(declared.Setting, values.ToEquatableArray(), declared.Location);
    }

    /// <summary>The settings a sweep can vary: the objective's numbers, then the training's learning rate.</summary>
    public static IReadOnlyList<string> Sweepable(ObjectiveEntry entry) =>
        entry.Settings.Where(s => s.Kind == SettingKind.Number).Select(s => s.Name).Append("LearningRate").ToList();

    /// <summary><c>nameof(Beta)</c> (the last name in it), or a constant string.</summary>
    private static string? SettingName(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: [var only] })
            return only.Expression switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
        return model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string text } ? text : null;
    }

    /// <summary>The values of an argument: itself, or the elements of an array written in place of the list.</summary>
    private static IEnumerable<ExpressionSyntax> Elements(ExpressionSyntax argument) => argument switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions,
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
        _ => [argument],
    };

    private static double? Number(Optional<object?> constant) => constant is { HasValue: true, Value: { } value } && value is not string and not bool and not char
        ? System.Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
}
