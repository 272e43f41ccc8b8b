namespace AlignDsl.Generators.Tests;

/// <summary>
/// The generated code holds exactly the models its objective needs: reference-free objectives never build a
/// reference, a reward model never builds a policy, and precomputation frees the reference before the loop.
/// </summary>
public sealed class ResidentSetTests
{
    private static readonly Testing.GeneratorRun Run = Generate.Run(Generate.AllExamples());

    private static string File(string className) => Run.Files.Single(f => f.HintName == $"QuickStart.{className}.g.cs").Text;

    [Theory]
    [InlineData("GymSimPo")]
    [InlineData("GymOrpo")]
    [InlineData("GymSft")]
    public void Reference_free_objectives_never_build_a_reference(string className)
    {
        var text = File(className);
        Assert.DoesNotContain("FrozenCopy", text);
        Assert.DoesNotContain("PrecomputeReference", text);
        Assert.DoesNotContain("new(\"reference\"", text);
    }

    [Theory]
    [InlineData("GymDpo")]
    [InlineData("GymIpo")]
    [InlineData("GymKto")]
    public void Reference_objectives_hold_a_frozen_copy(string className)
    {
        var text = File(className);
        Assert.Contains("using var reference = policy.FrozenCopy();", text);
        Assert.Contains("new(\"reference\", Trainable: false, PolicySize.Parameters)", text);
    }

    [Fact]
    public void Precomputed_reference_is_freed_before_the_loop_and_not_resident()
    {
        var text = File("GymDpoPrecomputed");
        Assert.DoesNotContain("FrozenCopy", text);
        Assert.Contains("run.PrecomputeReference(policy, train.InOrder(BatchSize))", text);
        Assert.Contains("reference.For(batch)", text);
        Assert.DoesNotContain("new(\"reference\"", text);
        Assert.True(text.IndexOf("PrecomputeReference", StringComparison.Ordinal) < text.IndexOf("foreach (var (step, batch)", StringComparison.Ordinal));
    }

    [Fact]
    public void Reward_model_has_a_scalar_head_and_no_policy()
    {
        var text = File("GymRewardModel");
        Assert.Contains("run.LoadRewardModelBody(\"gym-sft\")", text);
        Assert.DoesNotContain("LoadPolicy", text);
        Assert.Contains("new(\"reward model\", Trainable: true, PolicySize.Parameters + PolicySize.ModelDim)", text);
        Assert.Contains("run.EvalContext(policy: null", text);
    }
}
