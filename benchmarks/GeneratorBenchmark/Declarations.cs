using System.Globalization;

namespace GeneratorBenchmark;

/// <summary>
/// The benchmark's project: ten families of ten experiments, one file each, like a team's sweep. A family starts from a
/// fresh SFT policy, continues it on JSONL demonstrations, and from there trains a reward model and every preference
/// objective (DPO sigmoid, hinge and with precomputed reference log-probs, IPO from the DPO policy, SimPO, ORPO, KTO).
/// Even families use the gym, odd ones JSONL files; the policy sizes and β vary from family to family.
/// </summary>
internal static class Declarations
{
    public const int Families = 10;

    /// <summary>The file whose <c>Beta</c> the benchmark edits, and the text before and after the edit.</summary>
    public const string EditedFile = "F03Dpo.cs", BetaBefore = "[Dpo(Beta = 0.13)]", BetaAfter = "[Dpo(Beta = 0.14)]";

    private const string Header = """
        using AlignDsl;
        using AlignDsl.Data;
        using AlignDsl.Evaluation;

        namespace Bench.Sweep;


        """;

    private const string AllSuites = "[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]";

    /// <summary>Every declaration: file name and text, family by family.</summary>
    public static IReadOnlyList<(string File, string Text)> Create()
    {
        var files = new List<(string, string)>();
        for (var f = 0; f < Families; f++) files.AddRange(Family(f));
        return files;
    }

    private static IEnumerable<(string File, string Text)> Family(int f)
    {
        var gym = f % 2 == 0;
        var p = $"F{f:00}";
        var beta = Number(0.1 + f / 100.0);
        string Pairs(string shape = "") => gym ? "[GymData(GymTask.HelpfulHarmless)]" : $"[JsonlData(\"data/{p}/pairs.jsonl\", HeldOut = \"data/{p}/pairs.heldout.jsonl\"{shape})]";
        const string Training = "[Training(Steps = 100, BatchSize = 16, LearningRate = 3e-5, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]";

        yield return Experiment(p, "Sft", $"""
            [Policy(Layers = {2 + f % 3}, ModelDim = {64 * (1 + f % 2)}, Heads = 4, Context = 64)]
            [Sft]
            {(gym ? "[GymData(GymTask.HelpfulHarmless)]" : $"[JsonlData(\"data/{p}/demos.jsonl\")]")}
            [Training(Steps = 400, BatchSize = 32, LearningRate = 2e-3, WarmupSteps = 20, MaxLength = 48, LogEvery = 20)]
            {AllSuites}
            """);
        yield return Experiment(p, "SftMore", $"""
            [Policy(InitFrom = typeof({p}Sft))]
            [Sft]
            [JsonlData("data/{p}/more-demos.jsonl", Shape = JsonlShape.Demonstrations)]
            [Training(Steps = 200, BatchSize = 32, LearningRate = 1e-3, WarmupSteps = 10, MaxLength = 48, EvalEvery = 100, LogEvery = 20)]
            {AllSuites}
            """);
        yield return Experiment(p, "RewardModel", $"""
            [Policy(InitFrom = typeof({p}SftMore))]
            [RewardModel(Margin = 0.{f}, CenterRewards = 0.01)]
            {Pairs()}
            [Training(Steps = 150, BatchSize = 16, LearningRate = 3e-4, WarmupSteps = 10, MaxLength = 48, LogEvery = 10)]
            [EvalSuite(typeof(PreferenceAccuracy))]
            """);
        yield return Experiment(p, "Dpo", $"""
            [Policy(InitFrom = typeof({p}SftMore))]
            [Dpo(Beta = {beta})]
            {Pairs()}
            {Training}
            {AllSuites}
            """);
        yield return Experiment(p, "DpoHinge", $"""
            [Policy(InitFrom = typeof({p}SftMore))]
            [Dpo(Beta = 0.2, Loss = DpoLoss.Hinge)]
            {Pairs()}
            {Training}
            {AllSuites}
            """);
        yield return Experiment(p, "DpoPrecomputed", $"""
            [Policy(InitFrom = typeof({p}SftMore))]
            [Dpo(Beta = {beta}, LabelSmoothing = 0.1, PrecomputeReferenceLogProbs = true)]
            {Pairs()}
            {Training}
            {AllSuites}
            """);
        yield return Experiment(p, "Ipo", $"""
            [Policy(InitFrom = typeof({p}Dpo))]
            [Ipo(Beta = {beta}, PrecomputeReferenceLogProbs = {(f % 3 == 0 ? "true" : "false")})]
            {Pairs()}
            {Training}
            {AllSuites}
            """);
        yield return Experiment(p, "SimPo", $"""
            [Policy(InitFrom = typeof({p}SftMore))]
            [SimPo(Beta = 2.0{(f % 2 == 0 ? "" : ", Gamma = 1.0, SftWeight = 0.1")})]
            {Pairs()}
            {Training}
            {AllSuites}
            """);
        yield return Experiment(p, "Orpo", $"""
            [Policy(InitFrom = typeof({p}Sft))]
            [Orpo(Lambda = 0.1)]
            {Pairs()}
            {Training}
            {AllSuites}
            """);
        yield return Experiment(p, "Kto", $"""
            [Policy(InitFrom = typeof({p}SftMore))]
            [Kto(Beta = {beta}, DesirableWeight = 1.0, UndesirableWeight = 1.33)]
            {Pairs(", Shape = JsonlShape.Pairs")}
            {Training}
            {AllSuites}
            """);
    }

    private static (string File, string Text) Experiment(string family, string objective, string attributes)
    {
        var name = family + objective;
        var text = $"""
            {Header}/// <summary>{objective} of family {family}.</summary>
            [Experiment("{family.ToLowerInvariant()}-{objective.ToLowerInvariant()}")]
            {attributes}
            public partial class {name};

            """;
        return (name + ".cs", text);
    }

    private static string Number(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
