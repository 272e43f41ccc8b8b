using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Rules;

namespace AlignDsl.Tests.Declarations;

/// <summary>The fluent builder at run time: it records a spec and checks it with the generator's rules.</summary>
public sealed class BuilderTests
{
    [Fact]
    public void Build_records_the_declared_settings_with_defaults_for_the_rest()
    {
        var spec = new ExperimentBuilder()
            .Policy(p => p.Size(layers: 2, modelDim: 96, heads: 4, context: 64))
            .Objective(o => o.Kto(beta: 0.2, desirableWeight: 1.5))
            .Data(d => d.Gym(GymTask.HelpfulHarmless))
            .Training(t => t.Steps(100).BatchSize(16).LearningRate(3e-5))
            .Evaluate(e => e.PreferenceAccuracy().RedTeam().OverRefusal())
            .Build();

        Assert.Equal(ObjectiveKind.Kto, spec.Objective);
        Assert.Equal(0.2, spec.Beta);
        Assert.Equal(1.5, spec.DesirableWeight);
        Assert.Equal(AlignDsl.Declarations.Defaults.KtoUndesirableWeight, spec.UndesirableWeight);
        Assert.Equal(96, spec.ModelDim);
        Assert.Equal(GymTask.HelpfulHarmless, spec.GymTask);
        Assert.Equal(100, spec.Steps);
        Assert.Equal(AlignDsl.Declarations.Defaults.Seed, spec.Seed);
        Assert.Equal([typeof(PreferenceAccuracy), typeof(RedTeam), typeof(OverRefusal)], spec.EvalSuites);
    }

    [Fact]
    public void Build_throws_the_rule_violation_for_beta_zero()
    {
        var builder = new ExperimentBuilder()
            .Objective(o => o.Dpo(beta: 0))
            .Data(d => d.Gym(GymTask.HelpfulHarmless));

        var e = Assert.Throws<RuleViolationException>(() => builder.Build());
        var violation = Assert.Single(e.Violations);
        Assert.Equal("ALIGN004", violation.Rule.Id);
        Assert.Equal("Beta", violation.Setting);
    }

    [Fact]
    public void Build_without_objective_or_data_throws_both()
    {
        var e = Assert.Throws<RuleViolationException>(() => new ExperimentBuilder().Build());
        Assert.Equal(["ALIGN002", "ALIGN017"], e.Violations.Select(v => v.Rule.Id));
    }

    [Fact]
    public void Build_checks_the_constitution_with_the_generators_rules()
    {
        var builder = new ExperimentBuilder()
            .Objective(o => o.Dpo())
            .Data(d => d.FromConstitution(GymTask.HelpfulHarmless, pairsPerPrompt: 0))
            .Constitution(c => c.Principle("harmless", "Refuse harmful requests.").Principle("harmless", "", weight: -1));

        var e = Assert.Throws<RuleViolationException>(() => builder.Build());
        Assert.Equal(["ALIGN007", "ALIGN019", "ALIGN031", "ALIGN032", "ALIGN034"], e.Violations.Select(v => v.Rule.Id).Order());
    }

    [Fact]
    public void Principles_nothing_uses_are_only_a_warning()
    {
        var builder = new ExperimentBuilder()
            .Objective(o => o.Sft())
            .Data(d => d.Gym(GymTask.HelpfulHarmless))
            .Constitution(c => c.Principle("harmless", "Refuse harmful requests."));

        Assert.Single(builder.Build().Principles);
        Assert.Contains(ExperimentBuilder.Check(builder.Build()), v => v.Rule.Id == "ALIGN033");
    }
}
