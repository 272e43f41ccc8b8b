using AlignDsl.Testing;
using static AlignDsl.Generators.Tests.DiagnosticAssert;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace AlignDsl.Generators.Tests;

/// <summary>PPO's failure-mode guards: on by default, their bounds range-checked (ALIGN070–072), and only for PPO (ALIGN069).</summary>
public sealed class GuardsDiagnosticTests
{
    private static string Source(string attributes, string training = "[Training(Steps = 40, LogEvery = 4, EvalEvery = 10)]") => Generate.Usings + $$"""
        namespace Tests;

        [Experiment("sft")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Sft;

        public sealed class Length : AlignDsl.Rewards.IRewardFunction
        {
            public double Score(string prompt, string answer) => answer.Length;
        }

        [Experiment("ppo")]
        [Policy(InitFrom = typeof(Sft))]
        {{attributes}}
        [GymData(GymTask.HelpfulHarmless)]
        {{training}}
        [EvalSuite(typeof(WinRate))]
        public partial class Ppo;
        """;

    private static string Text(GeneratorRun run) => run.Files.Single(f => f.HintName == "Tests.Ppo.g.cs").Text;

    [Fact]
    public void Guards_watch_every_ppo_run_with_the_default_bounds()
    {
        var run = Generate.Run(Source("[Ppo]\n[RewardFunction(typeof(Length))]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Contains("var guards = run.Guards(new global::AlignDsl.Guards.GuardSettings", text);
        Assert.Contains("MaxKl = 20.0, KlGrowthFactor = 5.0, Window = 5, MinEntropy = 0.05,", text);
        Assert.Contains("Action = global::AlignDsl.GuardAction.Warn,", text);
        Assert.Contains("guards.Check(step, state, KeepCheckpoints);", text);
        Assert.Contains("metrics.Add(global::AlignDsl.Guards.RolloutFigures.Of(rollout, oldLogProbs));", text);
        // The guards are made before the resume, which replays into them, and checked before each checkpoint.
        Assert.True(text.IndexOf("run.Guards(", StringComparison.Ordinal) < text.IndexOf("run.Resume(state)", StringComparison.Ordinal));
        Assert.True(text.IndexOf("guards.Check(", StringComparison.Ordinal) < text.IndexOf("run.SaveCheckpoint(step", StringComparison.Ordinal));
    }

    [Fact]
    public void Declared_bounds_and_halt_are_emitted_as_written()
    {
        var run = Generate.Run(Source("[Ppo]\n[RewardFunction(typeof(Length))]\n[Guards(MaxKl = 3, MaxLengthGrowth = 1.5, Action = GuardAction.Halt)]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        var text = Text(run);
        Assert.Contains("MaxKl = 3.0,", text);
        Assert.Contains("MaxLengthGrowth = 1.5,", text);
        Assert.Contains("Action = global::AlignDsl.GuardAction.Halt,", text);
        Assert.Contains("one that fires halts the run", text);
    }

    [Fact]
    public void Guards_declared_off_leave_no_guard_code()
    {
        var run = Generate.Run(Source("[Ppo]\n[RewardFunction(typeof(Length))]\n[Guards(Action = GuardAction.Off)]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.DoesNotContain("run.Guards(", Text(run));
        Assert.DoesNotContain("guards.Check(", Text(run));
    }

    [Fact]
    public void ALIGN069_guards_on_an_objective_without_rollouts()
    {
        var source = Source("[Dpo]\n[Guards(MaxKl = 5)]");
        var run = Reported(source, "ALIGN069", Warning, ("Guards(MaxKl = 5)", "Guards(MaxKl = 5)"));
        Generated(run, "Tests", "Ppo");
        Assert.Contains("remove [Guards]", run.GeneratorDiagnostics.Single().GetMessage());
        Assert.DoesNotContain("run.Guards(", Text(run));
    }

    [Theory]
    [InlineData("MaxKl = 0", "0", "MaxKl must be greater than 0")]
    [InlineData("KlGrowthFactor = 1", "1", "KlGrowthFactor must be greater than 1")]
    [InlineData("Window = 1", "1", "Window must be at least 2")]
    [InlineData("MinEntropy = -0.1", "-0.1", "MinEntropy must be 0 or more")]
    [InlineData("MinDistinctRatio = 1.5", "1.5", "MinDistinctRatio must be between 0 and 1")]
    [InlineData("MaxLengthGrowth = 0.5", "0.5", "MaxLengthGrowth must be greater than 1")]
    [InlineData("MaxJudgeDrop = 2", "2", "MaxJudgeDrop must be between 0 and 1")]
    public void ALIGN070_a_guard_bound_out_of_range_is_reported_at_its_value(string setting, string value, string message)
    {
        var source = Source($"[Ppo]\n[RewardFunction(typeof(Length))]\n[Guards({setting})]");
        var run = Reported(source, "ALIGN070", Error, (setting, value));
        NotGenerated(run, "Tests", "Ppo");
        Assert.StartsWith(message, run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void ALIGN071_a_window_longer_than_the_run_reads()
    {
        var source = Source("[Ppo]\n[RewardFunction(typeof(Length))]\n[Guards(Window = 12)]");
        var run = Reported(source, "ALIGN071", Warning, ("Window = 12", "12"));
        Generated(run, "Tests", "Ppo");
        Assert.Contains("Window (12) spans more metric reads than the run makes (10: Steps 40 read every LogEvery 4 steps)", run.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void ALIGN072_declared_guards_cannot_compare_with_the_judge_without_evaluations_during_training()
    {
        var source = Source("[Ppo]\n[RewardFunction(typeof(Length))]\n[Guards(MaxKl = 5)]", "[Training(Steps = 40, LogEvery = 4)]");
        var run = Reported(source, "ALIGN072", Warning, ("Guards(MaxKl = 5)", "Guards(MaxKl = 5)"));
        Assert.Contains("EvalEvery is 0 or not below Steps", run.GeneratorDiagnostics.Single().GetMessage());

        // Saying the judge check is not wanted silences it.
        Assert.Empty(Generate.Run(Source("[Ppo]\n[RewardFunction(typeof(Length))]\n[Guards(MaxKl = 5, MaxJudgeDrop = 1)]", "[Training(Steps = 40, LogEvery = 4)]"))
            .GeneratorDiagnostics);
    }
}
