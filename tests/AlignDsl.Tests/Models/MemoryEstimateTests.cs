using AlignDsl.Catalogue;
using AlignDsl.Generated;
using AlignDsl.Models;
using AlignDsl.Rules;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models;

/// <summary>The estimates the budget rule computes at compile time agree with the models the generated code builds.</summary>
public sealed class MemoryEstimateTests
{
    [Fact]
    public void Parameter_formula_counts_the_real_model()
    {
        var config = new ModelConfig(Layers: 3, ModelDim: 48, Heads: 4, Context: 40, VocabularySize: 123);
        using var model = new TinyGpt(config);
        Assert.Equal(model.parameters().Sum(p => p.numel()), config.Parameters);
    }

    [Fact]
    public void Reward_model_adds_a_scalar_head_to_the_body()
    {
        var tokenizer = Tokenization.CompactTokenizer.FromCorpus(["a b c"]);
        var config = new ModelConfig(1, 32, 4, 16, tokenizer.VocabularySize);
        using var rewardModel = new RewardModel(new TinyGpt(config), tokenizer, CPU);
        var expected = MemoryEstimate.ResidentSet(ObjectiveCatalogue.Of(ObjectiveKind.RewardModel), default, config.Parameters, config.ModelDim).Single().Parameters;
        Assert.Equal(expected, rewardModel.Parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Value_model_adds_a_scalar_head_with_a_bias_to_the_body()
    {
        var tokenizer = Tokenization.CompactTokenizer.FromCorpus(["a b c"]);
        var config = new ModelConfig(1, 32, 4, 16, tokenizer.VocabularySize);
        using var valueModel = new ValueModel(new TinyGpt(config), tokenizer, CPU);
        var role = ObjectiveCatalogue.Of(ObjectiveKind.Ppo).Residents(default).Single(r => r.Role == "value model");
        Assert.Equal(role.Parameters(config.Parameters, config.ModelDim), valueModel.Parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Every_generated_descriptor_matches_the_shared_resident_set()
    {
        foreach (var entry in GeneratedExperiments.All)
        {
            var d = entry.Descriptor;
            var precomputed = d.Switches.Contains("PrecomputeReferenceLogProbs");
            var comparesWithBaseline = d.EvalSuites.Any(s => s is "WinRate" or "KlDivergence");
            // An online objective rewarded by a function holds no reward model; GRPO and RLOO with β = 0 hold no reference.
            var betaIsZero = d.Entry.Beta is { } beta && d.Hyperparameters.Single(h => h.Name == beta.Name).Value == 0;
            var options = new ResidentOptions(precomputed, Lora: d.Lora is not null, RewardModel: !d.Entry.SamplesAnswers || d.RewardFrom is not null, betaIsZero);
            var expected = MemoryEstimate.ResidentSet(d.Entry, options, d.Model.Parameters, d.Model.ModelDim, comparesWithBaseline);
            Assert.Equal(expected.Select(m => (m.Role, m.Trainable, m.Parameters)), d.ResidentModels.Select(m => (m.Role, m.Trainable, m.Parameters)));
        }
    }
}
