namespace AlignDsl.Generators.Tests;

/// <summary>Baselines of the emitted text: one verified file per generated file, under Snapshots/.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void DpoFromJsonlWithFreshPolicy() => Generate.Run(Generate.Usings + """
        namespace Pairs;

        [Experiment("jsonl-dpo")]
        [Dpo(Beta = 0.25, LabelSmoothing = 0.1)]
        [JsonlData("data/pairs.jsonl", HeldOut = "data/heldout.jsonl")]
        [Training(Steps = 50, MaxLength = 32)]
        [EvalSuite(typeof(PreferenceAccuracy))]
        public partial class JsonlDpo;
        """).Verify();

    /// <summary>No [Policy] and no [Training]: every size and setting comes from the defaults.</summary>
    [Fact]
    public void SftWithoutPolicy() => Generate.Run(Generate.Usings + """
        namespace Defaults;

        [Experiment("sft-defaults")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class SftDefaults;
        """).Verify();

    // The QuickStart declarations are snapshotted by examples/QuickStart.Tests, the way a user's project would be.

    [Fact]
    public void DpoHinge() => Generate.Run(Generate.Usings + """
        namespace Hinge;

        [Experiment("dpo-hinge")]
        [Dpo(Beta = 0.2, Loss = DpoLoss.Hinge)]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(PreferenceAccuracy))]
        public partial class DpoHinge;
        """).Verify();

    /// <summary>PPO scored by the weighted sum of a reward model and a [Reward] method, each logged on its own.</summary>
    [Fact]
    public void PpoWithWeightedRewards() => Generate.Run(Generate.Usings + """
        using AlignDsl.Rewards;

        namespace Mixed;

        [Experiment("sft")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Sft;

        [Experiment("rm")]
        [Policy(InitFrom = typeof(Sft))]
        [RewardModel]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(RewardModelBias))]
        public partial class Rm;

        [Experiment("ppo-mixed")]
        [Policy(InitFrom = typeof(Sft))]
        [Ppo(KlCoefficient = 0.05)]
        [RewardFrom(typeof(Rm), Weight = 0.5)]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class PpoMixed
        {
            [Reward(Weight = 2)]
            static double Correct(string prompt, string completion) => GymRewards.Correct(prompt, completion);
        }
        """).Verify();
}
