using AlignDsl.Rules;

namespace AlignDsl.Running;

/// <summary>
/// <c>--beta</c>: the objective's β from the command line, checked by the rule that checks the declared one (ALIGN004,
/// ALIGN045). An objective without β (SFT, reward model, ORPO) refuses it.
/// </summary>
public static class BetaOverride
{
    /// <summary>The hyperparameter <c>--beta</c> replaces, as the catalogue names it (<c>KlCoefficient</c> for PPO, <c>Beta</c> for DPO, IPO, KTO and SimPO); null when there is none.</summary>
    public static string? SettingOf(ExperimentDescriptor experiment) => experiment.Entry.Beta?.Name;

    /// <summary>The objectives the catalogue gives a β: "DPO, IPO, SimPO, KTO and PPO".</summary>
    private static string WithBeta
    {
        get
        {
            var names = Catalogue.ObjectiveCatalogue.All.Where(e => e.Beta is not null).Select(e => e.Display).ToList();
            return names.Count == 1 ? names[0] : string.Join(", ", names.SkipLast(1)) + " and " + names[^1];
        }
    }

    /// <summary>Why <paramref name="beta"/> cannot be used for <paramref name="experiment"/>, or null when it can (a value outside the typical range only warns).</summary>
    public static string? Problem(ExperimentDescriptor experiment, double beta)
    {
        if (SettingOf(experiment) is null)
            return $"{experiment.Name} trains {experiment.Entry.Display}, which has no β to override: drop --beta ({WithBeta} have one).";
        var setting = experiment.Entry.Beta!;
        // The declared β's own rule: greater than 0 for most, 0 or more where 0 turns a KL term off (GRPO, RLOO).
        return SettingRules.CheckSetting(experiment.Entry, setting, beta).FirstOrDefault(v => v.Rule.Severity == RuleSeverity.Error)?.ToString();
    }
}
