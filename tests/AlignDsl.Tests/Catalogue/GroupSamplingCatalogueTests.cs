using AlignDsl.Catalogue;

namespace AlignDsl.Tests.Catalogue;

/// <summary>GRPO's and RLOO's catalogue entries: the reference they keep only while β weighs a KL term, and their β.</summary>
public sealed class GroupSamplingCatalogueTests
{
    private static string[] Roles(ObjectiveKind kind, ResidentOptions options, bool baseline = false) =>
        [.. ObjectiveCatalogue.Residents(ObjectiveCatalogue.Of(kind), options, baseline).Select(r => r.Role)];

    [Theory]
    [InlineData(ObjectiveKind.Grpo)]
    [InlineData(ObjectiveKind.Rloo)]
    public void The_reference_is_resident_only_while_beta_is_above_zero(ObjectiveKind kind)
    {
        Assert.Equal(["policy", "reference", "reward model"], Roles(kind, new(false, Lora: false, RewardModel: true)));
        Assert.Equal(["policy", "reward model"], Roles(kind, new(false, Lora: false, RewardModel: true, BetaIsZero: true)));
        Assert.Equal(["policy"], Roles(kind, new(false, Lora: false, RewardModel: false, BetaIsZero: true)));
        // Win rate and KL then compare with a frozen copy of the start; with LoRA the base is the reference, no copy.
        Assert.Equal(["policy", "baseline"], Roles(kind, new(false, Lora: false, RewardModel: false, BetaIsZero: true), baseline: true));
        Assert.Equal(["policy"], Roles(kind, new(false, Lora: true, RewardModel: false)));
        // No value model: the group is the baseline.
        Assert.DoesNotContain("value model", Roles(kind, default));
    }

    [Fact]
    public void Beta_may_be_zero_and_is_what_the_command_line_overrides()
    {
        foreach (var kind in new[] { ObjectiveKind.Grpo, ObjectiveKind.Rloo })
        {
            var entry = ObjectiveCatalogue.Of(kind);
            Assert.Equal("Beta", entry.Beta?.Name);
            Assert.Empty(Rules.SettingRules.CheckSetting(entry, entry.Beta!, 0));
            Assert.Equal("ALIGN022", Assert.Single(Rules.SettingRules.CheckSetting(entry, entry.Beta!, -0.1)).Rule.Id);
            Assert.Equal("ALIGN080", Assert.Single(Rules.SettingRules.CheckSetting(entry, entry.Setting("Generations")!, 1)).Rule.Id);
            Assert.True(entry.SamplesAnswers);
        }
    }
}
