using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// The checks on what an experiment needs from others besides its starting policy: its reward model must not need the
/// experiment itself (ALIGN058), and must share the policy's vocabulary where the declarations show it cannot (ALIGN057).
/// A fresh model's vocabulary is built from its chain's first experiment's training texts (and the gym's), and a
/// pretrained model's is its folder's tokenizer, so two chains that start from different sources score different token ids.
/// </summary>
internal static class DependencyRules
{
    public static IEnumerable<DiagnosticInfo> Check(ExperimentModel experiment, IReadOnlyDictionary<string, ExperimentModel> byClass)
    {
        if (experiment.Reward?.Model is not { ExperimentClass: { } rewardClass } reward || !byClass.TryGetValue(rewardClass, out var rewardExperiment)) yield break;
        if (PathBack(rewardExperiment, experiment.FullName, byClass) is { } cycle)
        {
            yield return DiagnosticInfo.Create(RuleBook.RewardFromCycle, reward.Location, experiment.Name, rewardExperiment.Name,
                string.Join(" → ", new[] { experiment.Name }.Concat(cycle)));
            yield break;
        }
        if (rewardExperiment.Objective is not { Kind: ObjectiveKind.RewardModel }) yield break;
        ExperimentModel policyRoot = Root(experiment, byClass), rewardRoot = Root(rewardExperiment, byClass);
        // A fresh policy's vocabulary is compared with a pretrained reward model's only: two fresh ones both cover the gym's corpus.
        if (experiment.Policy.InitFromClass is null && experiment.Policy.Pretrained is null && rewardRoot.Policy.Pretrained is null) yield break;
        if (policyRoot.FullName == rewardRoot.FullName) yield break;
        if (Vocabulary(policyRoot) is not { } policyCorpus || Vocabulary(rewardRoot) is not { } rewardCorpus) yield break;
        // Two model folders may hold the same tokenizer files: only the run can compare them.
        if (policyRoot.Policy.Pretrained is not null && rewardRoot.Policy.Pretrained is not null) yield break;
        if (policyCorpus != rewardCorpus)
            yield return DiagnosticInfo.Create(RuleBook.RewardVocabularyMismatch, reward.Location, experiment.Name, rewardExperiment.Name,
                rewardRoot.Name, rewardCorpus, policyRoot.Name, policyCorpus);
    }

    /// <summary>The first experiment of the InitFrom chain: the one that builds the vocabulary.</summary>
    private static ExperimentModel Root(ExperimentModel experiment, IReadOnlyDictionary<string, ExperimentModel> byClass)
    {
        var current = experiment;
        for (var guard = 0; guard <= byClass.Count && current.Policy.InitFromClass is { } parent && byClass.TryGetValue(parent, out var next); guard++)
            current = next;
        return current;
    }

    /// <summary>
    /// Where a chain's vocabulary comes from: a pretrained folder's tokenizer, or a fresh vocabulary built from the gym's
    /// closed corpus or a JSONL file's texts; null when the declaration does not say.
    /// </summary>
    private static string? Vocabulary(ExperimentModel root) =>
        root.Policy.Pretrained is { } folder ? "the tokenizer of " + SettingRules.NormalisePath(folder)
        : root.Data is not { } data ? null
        : data.Kind == DataKindModel.Jsonl ? "jsonl:" + SettingRules.NormalisePath(data.Path ?? "") : "gym";

    /// <summary>The experiments from <paramref name="start"/> to <paramref name="target"/> along InitFrom and RewardFrom, if it needs it.</summary>
    private static List<string>? PathBack(ExperimentModel start, string target, IReadOnlyDictionary<string, ExperimentModel> byClass)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(ExperimentModel Experiment, List<string> Path)>();
        stack.Push((start, [start.Name]));
        while (stack.Count > 0)
        {
            var (current, path) = stack.Pop();
            if (!seen.Add(current.FullName)) continue;
            foreach (var next in new[] { current.Policy.InitFromClass, current.Reward?.Model?.ExperimentClass })
            {
                if (next is null) continue;
                if (next == target) return [.. path, byClass[target].Name];
                if (byClass.TryGetValue(next, out var model)) stack.Push((model, [.. path, model.Name]));
            }
        }
        return null;
    }
}
