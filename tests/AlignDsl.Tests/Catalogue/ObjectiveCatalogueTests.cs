using System.Reflection;
using AlignDsl.Catalogue;
using AlignDsl.Rules;

namespace AlignDsl.Tests.Catalogue;

/// <summary>
/// The catalogue is the one description of each objective: it must agree with the declarations users write (the
/// attribute's properties and defaults, the builder's parameters) and its rules must catch what they name.
/// </summary>
public sealed class ObjectiveCatalogueTests
{
    public static TheoryData<ObjectiveKind> Kinds => [.. Enum.GetValues<ObjectiveKind>()];

    [Fact]
    public void Every_objective_kind_has_exactly_one_entry()
    {
        Assert.Equal(Enum.GetValues<ObjectiveKind>(), ObjectiveCatalogue.All.Select(e => e.Kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_setting_is_a_property_of_the_attribute_with_the_same_default(ObjectiveKind kind)
    {
        var entry = ObjectiveCatalogue.Of(kind);
        var type = typeof(ExperimentAttribute).Assembly.GetType(entry.Attribute);
        Assert.NotNull(type);
        var attribute = Activator.CreateInstance(type)!;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).Order();
        Assert.Equal(entry.Settings.Select(s => s.Name).Order(), properties);
        foreach (var setting in entry.Settings)
        {
            var value = type.GetProperty(setting.Name)!.GetValue(attribute)!;
            var number = value switch { bool b => b ? 1.0 : 0.0, Enum e => Convert.ToInt32(e), _ => Convert.ToDouble(value) };
            Assert.True(number.Equals(setting.Default), $"{entry.Attribute}.{setting.Name}: the attribute's default {number}, the catalogue's {setting.Default}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_builder_takes_each_setting_by_its_camel_case_name_with_the_same_default(ObjectiveKind kind)
    {
        var entry = ObjectiveCatalogue.Of(kind);
        var method = typeof(ObjectiveBuilder).GetMethod(kind.ToString());
        Assert.NotNull(method);
        Assert.Equal(entry.Settings.Select(s => char.ToLowerInvariant(s.Name[0]) + s.Name[1..]), method.GetParameters().Select(p => p.Name));
        foreach (var (setting, parameter) in entry.Settings.Zip(method.GetParameters()))
        {
            var number = parameter.DefaultValue switch { bool b => b ? 1.0 : 0.0, Enum e => Convert.ToInt32(e), var v => Convert.ToDouble(v) };
            Assert.True(number.Equals(setting.Default), $"{kind}({parameter.Name}): the builder's default {number}, the catalogue's {setting.Default}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_defaults_pass_every_rule(ObjectiveKind kind)
    {
        var entry = ObjectiveCatalogue.Of(kind);
        Assert.Empty(SettingRules.CheckObjective(entry, name => entry.Setting(name)!.Default, _ => false));
    }

    [Theory]
    [InlineData(ObjectiveKind.Dpo, "Beta", 0.0, "ALIGN004")]
    [InlineData(ObjectiveKind.Dpo, "Beta", 0.9, "ALIGN012")]
    [InlineData(ObjectiveKind.Dpo, "LabelSmoothing", 0.5, "ALIGN008")]
    [InlineData(ObjectiveKind.Ppo, "KlCoefficient", -1.0, "ALIGN004")]
    [InlineData(ObjectiveKind.Ppo, "ValueClipRange", 0.0, "ALIGN019")]
    [InlineData(ObjectiveKind.Ppo, "PpoEpochs", 0.0, "ALIGN007")]
    [InlineData(ObjectiveKind.Kto, "UndesirableWeight", double.NaN, "ALIGN045")]
    [InlineData(ObjectiveKind.RewardModel, "CenterRewards", -0.1, "ALIGN022")]
    [InlineData(ObjectiveKind.SimPo, "Gamma", 3.0, "ALIGN039")]
    public void A_bad_value_breaks_the_rule_its_entry_names(ObjectiveKind kind, string setting, double value, string id)
    {
        var entry = ObjectiveCatalogue.Of(kind);
        var violations = SettingRules.CheckObjective(entry, name => name == setting ? value : entry.Setting(name)!.Default, name => name == setting).ToList();
        var violation = Assert.Single(violations);
        Assert.Equal(id, violation.Rule.Id);
        Assert.Equal(setting, violation.Setting);
    }

    [Fact]
    public void A_derived_gamma_is_not_checked_until_written()
    {
        var simPo = ObjectiveCatalogue.Of(ObjectiveKind.SimPo);
        Assert.Empty(SettingRules.CheckObjective(simPo, name => name == "Gamma" ? -1 : simPo.Setting(name)!.Default, _ => false));
    }

    [Fact]
    public void Resident_models_follow_precomputation_lora_and_the_reward()
    {
        static string[] Roles(ObjectiveKind kind, ResidentOptions options, bool baseline = false) =>
            [.. ObjectiveCatalogue.Residents(ObjectiveCatalogue.Of(kind), options, baseline).Select(r => r.Role)];

        Assert.Equal(["policy", "reference"], Roles(ObjectiveKind.Kto, default));
        Assert.Equal(["policy"], Roles(ObjectiveKind.Kto, new(PrecomputeReference: true, Lora: false, RewardModel: false)));
        Assert.Equal(["policy", "baseline"], Roles(ObjectiveKind.Dpo, new(PrecomputeReference: false, Lora: true, RewardModel: false), baseline: true));
        Assert.Equal(["policy", "reference"], Roles(ObjectiveKind.Dpo, default, baseline: true));
        // PPO with LoRA: the reference is the policy's base, no copy; win rate and KL then need a frozen baseline.
        Assert.Equal(["policy", "value model", "reward model"], Roles(ObjectiveKind.Ppo, new(false, Lora: true, RewardModel: true)));
        Assert.Equal(["policy", "value model", "reward model", "baseline"], Roles(ObjectiveKind.Ppo, new(false, Lora: true, RewardModel: true), baseline: true));
        Assert.Equal(["policy", "value model", "reference"], Roles(ObjectiveKind.Ppo, default));
        Assert.Equal(["reward model"], Roles(ObjectiveKind.RewardModel, default));
    }

    [Fact]
    public void Scalar_heads_add_one_weight_per_dimension_and_the_value_head_its_bias()
    {
        var ppo = ObjectiveCatalogue.Residents(ObjectiveCatalogue.Of(ObjectiveKind.Ppo), new(false, false, RewardModel: true), false)
            .ToDictionary(r => r.Role, r => r.Parameters(1000, 64));
        Assert.Equal(1000, ppo["policy"]);
        Assert.Equal(1065, ppo["value model"]);
        Assert.Equal(1064, ppo["reward model"]);
    }

    [Fact]
    public void Beta_is_the_setting_the_command_line_overrides()
    {
        Assert.Equal("KlCoefficient", ObjectiveCatalogue.Of(ObjectiveKind.Ppo).Beta?.Name);
        Assert.Equal("Beta", ObjectiveCatalogue.Of(ObjectiveKind.SimPo).Beta?.Name);
        Assert.Null(ObjectiveCatalogue.Of(ObjectiveKind.Orpo).Beta);
        Assert.Null(ObjectiveCatalogue.Of(ObjectiveKind.Sft).Beta);
    }

    [Fact]
    public void A_ppo_update_trains_on_its_mini_batch_of_the_rollouts_answers()
    {
        var ppo = ObjectiveCatalogue.Of(ObjectiveKind.Ppo);
        var settings = new Dictionary<string, double> { ["RolloutsPerPrompt"] = 4, ["MiniBatches"] = 2 };
        Assert.Equal(2, ppo.ExamplesPerUpdate(name => settings[name]));
        Assert.Equal(1, ppo.ExamplesPerUpdate(name => ppo.Setting(name)!.Default));
        Assert.Equal(1, ObjectiveCatalogue.Of(ObjectiveKind.Dpo).ExamplesPerUpdate(_ => throw new InvalidOperationException("DPO reads no setting for it")));
        // The activation estimate grows with the answers an update holds.
        Assert.True(ActivationEstimate.Bytes(ppo, false, 16 * 2, 48, 2, 64, 256, 500, Precision.Fp32, false)
            > ActivationEstimate.Bytes(ppo, false, 16, 48, 2, 64, 256, 500, Precision.Fp32, false));
    }
}
