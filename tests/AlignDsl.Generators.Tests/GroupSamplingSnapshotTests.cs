namespace AlignDsl.Generators.Tests;

/// <summary>Baselines of GRPO's and RLOO's emitted loops in the shapes the QuickStart's gym-grpo and gym-rloo do not show.</summary>
public sealed class GroupSamplingSnapshotTests
{
    private const string Start = """
        namespace Groups;

        [Experiment("sft")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Sft;


        """;

    /// <summary>Dr. GRPO, no KL term (so no reference), two updates per rollout, rewarded by a function.</summary>
    [Fact]
    public void DrGrpoWithoutReference() => Generate.Run(Generate.Usings + Start + """
        public sealed class Brevity : AlignDsl.Rewards.IRewardFunction
        {
            public double Score(string prompt, string answer) => -answer.Length;
        }

        [Experiment("dr-grpo")]
        [Policy(InitFrom = typeof(Sft))]
        [Grpo(Generations = 4, Loss = GrpoLoss.DrGrpo, Iterations = 2, MaxNewTokens = 12)]
        [RewardFunction(typeof(Brevity))]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
        public partial class DrGrpo;
        """).Verify();

    /// <summary>RLOO with TRL's defaults, rewarded by a reward model.</summary>
    [Fact]
    public void RlooFromRewardModel() => Generate.Run(Generate.Usings + Start + """
        [Experiment("rm")]
        [Policy(InitFrom = typeof(Sft))]
        [RewardModel]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(RewardModelBias))]
        public partial class Rm;

        [Experiment("rloo")]
        [Policy(InitFrom = typeof(Sft))]
        [Rloo]
        [RewardFrom(typeof(Rm))]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(KlDivergence))]
        public partial class Rloo;
        """).Verify();

    /// <summary>GRPO with a KL term, rewarded by a weighted function and a [Reward] method of the class: the sum is scored per answer.</summary>
    [Fact]
    public void GrpoWithWeightedRewards() => Generate.Run(Generate.Usings + Start + """
        public sealed class Brevity : AlignDsl.Rewards.IRewardFunction
        {
            public double Score(string prompt, string answer) => -answer.Length;
        }

        [Experiment("grpo-mixed")]
        [Policy(InitFrom = typeof(Sft))]
        [Grpo(Generations = 4, Beta = 0.04)]
        [RewardFunction(typeof(Brevity), Weight = 0.1)]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(KlDivergence))]
        public partial class GrpoMixed
        {
            [Reward(Weight = 2)]
            private static double Correct(string prompt, string completion) => AlignDsl.Rewards.GymRewards.Correct(prompt, completion);
        }
        """).Verify();
}
