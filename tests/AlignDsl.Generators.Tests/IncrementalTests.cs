extern alias generator;
using AlignDsl.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ExperimentModel = generator::AlignDsl.Generators.Model.ExperimentModel;
using StepNames = generator::AlignDsl.Generators.StepNames;

namespace AlignDsl.Generators.Tests;

/// <summary>Edits the compilation after a first run and checks which tracked steps the driver recomputed.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] Steps = [StepNames.Parsed, StepNames.Resolved, StepNames.Experiment, StepNames.Registry];

    [Fact]
    public void An_unrelated_file_leaves_every_step_cached_or_unchanged()
    {
        var run = Generate.Run(Generate.QuickStart());
        var options = (CSharpParseOptions)run.InputCompilation.SyntaxTrees.First().Options;
        var edited = run.InputCompilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated {}", options, path: "Unrelated.cs"));

        var result = Rerun(run, edited);

        foreach (var step in Steps)
        {
            var outputs = Outputs(result, step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{step}: {o.Reason} for {o.Value}"));
        }
    }

    [Fact]
    public void Changing_beta_modifies_only_that_experiment()
    {
        var run = Generate.Run(Generate.QuickStart());
        var dpo = run.InputCompilation.SyntaxTrees.Single(t => t.ToString().Contains("[Dpo(Beta = 0.1)]", StringComparison.Ordinal));
        var edited = run.InputCompilation.ReplaceSyntaxTree(dpo,
            dpo.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(dpo.ToString().Replace("[Dpo(Beta = 0.1)]", "[Dpo(Beta = 0.2)]"))));

        var result = Rerun(run, edited);

        var experiments = Outputs(result, StepNames.Experiment).ToDictionary(o => ((ExperimentModel)o.Value).ClassName, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, experiments["GymDpo"]);
        Assert.True(experiments["GymSft"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"GymSft: {experiments["GymSft"]}");
        var dpoFile = result.GeneratedSources.Single(s => s.HintName == "QuickStart.GymDpo.g.cs").SourceText.ToString();
        Assert.Contains("private const double Beta = 0.2;", dpoFile);
    }

    [Fact]
    public void Editing_a_reward_method_of_a_base_class_in_another_file_regenerates_the_experiment()
    {
        const string baseClass = """
            namespace Groups;
            public abstract class GradedRewards
            {
                [AlignDsl.Reward(Weight = 2)]
                protected static double Correct(string prompt, string completion) => AlignDsl.Rewards.GymRewards.Correct(prompt, completion);
            }
            """;
        var run = Generate.Run(Generate.Usings + """
            namespace Groups;

            [Experiment("sft")]
            [Sft]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Sft;

            [Experiment("grpo")]
            [Policy(InitFrom = typeof(Sft))]
            [Grpo(Generations = 4)]
            [GymData(GymTask.HelpfulHarmless)]
            public partial class Graded : GradedRewards;
            """, baseClass);
        Assert.Contains("WeightedReward.Method(\"Correct\", 2.0,", GeneratedGrpo(run.Driver.GetRunResult().Results[0]));
        var tree = run.InputCompilation.SyntaxTrees.Single(t => t.ToString().Contains("abstract class GradedRewards", StringComparison.Ordinal));

        var edited = run.InputCompilation.ReplaceSyntaxTree(tree,
            tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(baseClass.Replace("Weight = 2", "Weight = 3", StringComparison.Ordinal))));

        Assert.Contains("WeightedReward.Method(\"Correct\", 3.0,", GeneratedGrpo(Rerun(run, edited)));
    }

    private static string GeneratedGrpo(GeneratorRunResult result) =>
        result.GeneratedSources.Single(s => s.HintName == "Groups.Graded.g.cs").SourceText.ToString();

    private static GeneratorRunResult Rerun(GeneratorRun run, Compilation edited) =>
        run.Driver.RunGenerators(edited).GetRunResult().Results[0];

    private static (object Value, IncrementalStepRunReason Reason)[] Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(r => r.Outputs).ToArray() : [];
}
