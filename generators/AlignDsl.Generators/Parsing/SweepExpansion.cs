using System.Globalization;
using AlignDsl.Generators.Model;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// A sweep's declaration as its members: one experiment per value, named <c>&lt;name&gt;-&lt;setting&gt;-&lt;value&gt;</c>
/// (<c>gym-dpo-sweep-beta-0.05</c>), with the value folded into its objective (or its learning rate), in a class nested
/// in the declaration's (<c>GymDpoSweep.Beta_0_05</c>). The declaration's diagnostics stay with the declaration.
/// </summary>
internal static class SweepExpansion
{
    public static IEnumerable<ExperimentModel> Members(ExperimentModel declaration)
    {
        if (declaration.Sweep is not { } sweep) yield break;
        foreach (var value in sweep.Values)
        {
            var className = MemberClass(sweep.Setting, value.Value);
            var member = declaration with
            {
                ClassName = className,
                FullName = declaration.FullName + "." + className,
                Name = MemberName(declaration.Name, sweep.Setting, value.Value),
                Diagnostics = EquatableArray<DiagnosticInfo>.Empty,
                Sweep = null,
                Point = new SweepPointModel(declaration.Name, declaration.ClassName, sweep.Setting, value.Value, value.Location),
                // The user's members belong to the declaration's class, not to the nested member's.
                UserMembers = EquatableArray<MemberModel>.Empty,
            };
            yield return sweep.SweepsLearningRate
                ? member with { Training = member.Training with { LearningRate = value.Value } }
                : member with { Objective = member.Objective! with { Values = value.ObjectiveValues } };
        }
    }

    /// <summary><c>gym-dpo-sweep</c>, <c>KlCoefficient</c>, 0.05 → <c>gym-dpo-sweep-kl-coefficient-0.05</c>.</summary>
    public static string MemberName(string sweep, string setting, double value) => $"{sweep}-{Kebab(setting)}-{Text(value)}";

    /// <summary><c>Beta</c>, 0.05 → <c>Beta_0_05</c>; 1e-05 → <c>LearningRate_1em05</c> (m for a minus sign).</summary>
    public static string MemberClass(string setting, double value) =>
        setting + "_" + Text(value).Replace('.', '_').Replace("-", "m").Replace("+", "");

    /// <summary>The value as the shortest text that reads back as it, in lower case: 0.05, 1e-05.</summary>
    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
