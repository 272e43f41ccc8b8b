namespace AlignDsl.Generators.Tests;

/// <summary>A reward model on a JSONL file passes each pair's own margin to its loss; on the gym, whose pairs have none, it does not.</summary>
public sealed class RewardModelMarginTests
{
    private static string Step(string data) => Generate.Run(Generate.Usings + $$"""
        namespace Tests;

        [Experiment("rm")]
        [RewardModel(Margin = 0.5)]
        {{data}}
        [EvalSuite(typeof(RewardModelBias))]
        public partial class Rm;
        """).Files.Single(f => f.HintName == "Tests.Rm.g.cs").Text;

    [Fact]
    public void A_jsonl_reward_model_reads_its_pairs_margins()
    {
        Assert.Contains("RewardModelLoss.BradleyTerry(chosenRewards, rejectedRewards, Margin, CenterRewards, margins: batch.Margins);",
            Step("[JsonlData(\"data/pairs.jsonl\")]"));
        Assert.Contains("RewardModelLoss.BradleyTerry(chosenRewards, rejectedRewards, Margin, CenterRewards);", Step("[GymData(GymTask.HelpfulHarmless)]"));
    }
}
