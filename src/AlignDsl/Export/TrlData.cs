using System.Text.Json.Nodes;
using AlignDsl.Data;
using AlignDsl.Running;

namespace AlignDsl.Export;

/// <summary>
/// The experiment's training and held-out data in TRL's standard formats, read exactly as the generated loop reads it:
/// the gym's splits with the declared seed, a JSONL file by its declared shape (rankings and annotated pairs become
/// pairs; KTO splits pairs), or the pairs (or revisions) a finished local run labelled from its constitution.
/// </summary>
public static class TrlData
{
    public static (IReadOnlyList<JsonObject> Train, IReadOnlyList<JsonObject> Eval) For(ExperimentDescriptor experiment, TrlRecipe recipe, string runsRoot)
    {
        var rewardModel = experiment.Objective == ObjectiveKind.RewardModel;
        var margin = rewardModel ? experiment.Hyperparameters.FirstOrDefault(h => h.Name == "Margin")?.Value ?? 0 : 0;
        return recipe.Format switch
        {
            TrlDataFormat.PromptCompletion => Rows(Demonstrations(experiment, runsRoot), d => new JsonObject { ["prompt"] = d.Prompt, ["completion"] = d.Completion }),
            TrlDataFormat.Preference => Rows(Pairs(experiment, runsRoot), p => Pair(p, margin, rewardModel)),
            TrlDataFormat.Unpaired => Rows(Feedback(experiment, runsRoot), f => new JsonObject { ["prompt"] = f.Prompt, ["completion"] = f.Completion, ["label"] = f.Desirable }),
            TrlDataFormat.PromptOnly => Rows(Prompts(experiment), p => new JsonObject { ["prompt"] = p }),
            _ => throw new ArgumentOutOfRangeException(nameof(recipe)),
        };
    }

    /// <summary>Writes one JSON object per line, UTF-8, <c>\n</c> line ends.</summary>
    public static void Write(string path, IEnumerable<JsonObject> rows)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var row in rows) writer.WriteLine(row.ToJsonString());
    }

    private static (IReadOnlyList<JsonObject>, IReadOnlyList<JsonObject>) Rows<T>(Split<T> split, Func<T, JsonObject> row) =>
        (split.Train.Select(row).ToList(), split.HeldOut.Select(row).ToList());

    /// <summary>A preference row; a reward model's carries its margin: the pair's own from the data, else the declared one when set.</summary>
    private static JsonObject Pair(PreferencePair pair, double margin, bool rewardModel)
    {
        var row = new JsonObject { ["prompt"] = pair.Prompt, ["chosen"] = pair.Chosen, ["rejected"] = pair.Rejected };
        if (rewardModel && (pair.Margin ?? margin) is var m && (pair.Margin is not null || m > 0)) row["margin"] = m;
        return row;
    }

    private static Gym Gym(ExperimentDescriptor experiment) =>
        new(Enum.Parse<GymTask>(experiment.DataSource[(experiment.DataSource.IndexOf(':') + 1)..]), experiment.Training.Seed);

    private static string Kind(ExperimentDescriptor experiment) => experiment.DataSource[..experiment.DataSource.IndexOf(':')];

    private static string JsonlPath(ExperimentDescriptor experiment) => experiment.DataSource["jsonl:".Length..];

    private static Split<Demonstration> Demonstrations(ExperimentDescriptor experiment, string runsRoot) => Kind(experiment) switch
    {
        "gym" => Gym(experiment).Demonstrations(),
        "jsonl" => JsonlReader.ReadSplit(JsonlPath(experiment), experiment.HeldOut, JsonlReader.ReadDemonstrations),
        _ => new(JsonlReader.ReadDemonstrations(Labelled(experiment, runsRoot, "constitution-revisions.jsonl")), []),
    };

    private static Split<PreferencePair> Pairs(ExperimentDescriptor experiment, string runsRoot)
    {
        switch (Kind(experiment))
        {
            case "gym":
                return Gym(experiment).Pairs();
            case "jsonl":
                var (path, heldOut) = (JsonlPath(experiment), experiment.HeldOut);
                return experiment.JsonlShape switch
                {
                    "Rankings" => JsonlReader.ReadRankingSplit(path, heldOut),
                    "Annotated" => JsonlReader.ReadSplit(path, heldOut, p => JsonlReader.ReadAnnotated(p).MajorityVote()),
                    _ => JsonlReader.ReadSplit(path, heldOut, JsonlReader.ReadPairs),
                };
            default:
                // Labelled by the local run; its held-out pairs are the gym's, as in the run.
                return new(JsonlReader.ReadPairs(Labelled(experiment, runsRoot, "constitution-pairs.jsonl")), Gym(experiment).Pairs().HeldOut);
        }
    }

    private static Split<Feedback> Feedback(ExperimentDescriptor experiment, string runsRoot) =>
        Kind(experiment) == "jsonl" && experiment.JsonlShape is "FromObjective" or "Feedback"
            ? JsonlReader.ReadSplit(JsonlPath(experiment), experiment.HeldOut, JsonlReader.ReadFeedback)
            : Kind(experiment) == "gym" ? Gym(experiment).Feedback()
            : Data.Feedback.FromPairs(Pairs(experiment, runsRoot));

    private static Split<string> Prompts(ExperimentDescriptor experiment) => Kind(experiment) switch
    {
        "gym" => Gym(experiment).Prompts(),
        "jsonl" => JsonlReader.ReadSplit(JsonlPath(experiment), experiment.HeldOut, JsonlReader.ReadPrompts),
        _ => throw new NotSupportedException($"{experiment.Name}'s prompts come from a constitution, which PPO does not take."),
    };

    /// <summary>A file the experiment's newest finished local run made from its constitution.</summary>
    private static string Labelled(ExperimentDescriptor experiment, string runsRoot, string file)
    {
        var found = new RunStore(runsRoot).All()
            .Where(r => r.Experiment == experiment.Name && !r.IsIncomplete)
            .Select(r => Path.Combine(r.Directory, file))
            .Where(File.Exists)
            .OrderDescending(StringComparer.Ordinal)
            .FirstOrDefault();
        return found ?? throw new FileNotFoundException(
            $"{experiment.Name} makes its data from its constitution when it runs, and no finished run of it under {runsRoot} holds {file}: " +
            $"run it once here (`run {experiment.Name}`), then export it, so TRL trains on the same labelled data.");
    }
}
