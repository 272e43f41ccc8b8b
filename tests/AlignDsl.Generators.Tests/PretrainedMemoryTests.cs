extern alias generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.Generators.Tests;

/// <summary>
/// The memory estimate of a pretrained policy whose config.json the project gives as an AdditionalFile: its real size,
/// precision and LoRA decide ALIGN024; unsupported configs (ALIGN066), LoRA targets the architecture lacks (ALIGN067),
/// and a folder without its config.json among the AdditionalFiles (ALIGN068, info).
/// </summary>
public sealed class PretrainedMemoryTests
{
    /// <summary>Llama-2-7B's published config.json (the fields the estimate reads, and some it ignores).</summary>
    internal const string Llama2_7B = """
        {
          "architectures": ["LlamaForCausalLM"],
          "bos_token_id": 1, "eos_token_id": 2,
          "hidden_act": "silu", "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 11008,
          "max_position_embeddings": 4096, "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32,
          "num_key_value_heads": 32, "pretraining_tp": 1, "rms_norm_eps": 1e-05, "rope_scaling": null,
          "tie_word_embeddings": false, "torch_dtype": "float16", "transformers_version": "4.31.0.dev0",
          "use_cache": true, "vocab_size": 32000
        }
        """;

    private const string ConfigPath = "/project/models/llama-2-7b/config.json";

    private static string Source(string attributes) => Generate.Usings + $$"""
        namespace Tests;

        [Experiment("rm")]
        [RewardModel]
        [GymData(GymTask.HelpfulHarmless)]
        [EvalSuite(typeof(RewardModelBias))]
        public partial class Rm;

        [Experiment("big")]
        [Policy(Pretrained = "models/llama-2-7b")]
        {{attributes}}
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Big;
        """;

    private static GeneratorRunResult Run(string source, params (string Path, string Text)[] files)
    {
        LastSource = source;
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create("Files", [CSharpSyntaxTree.ParseText(source, parse, path: "Source0.cs")], Generate.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var generator = new generator::AlignDsl.Generators.ExperimentGenerator().AsSourceGenerator();
        var driver = CSharpGeneratorDriver.Create([generator], files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)), parse);
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return result;
    }

    private static Diagnostic[] Reported(GeneratorRunResult result, string id) => result.Diagnostics.Where(d => d.Id == id).ToArray();

    /// <summary>The source text a diagnostic points at (the generator reports file locations, not syntax-tree ones).</summary>
    private static string At(Diagnostic diagnostic) => File.Exists(diagnostic.Location.GetLineSpan().Path)
        ? throw new InvalidOperationException("expected the in-memory source")
        : LastSource!.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    private static string? LastSource;

    private static string Generated(GeneratorRunResult result) => result.GeneratedSources.Single(s => s.HintName == "Tests.Big.g.cs").SourceText.ToString();

    [Fact]
    public void Ppo_on_a_7B_policy_does_not_fit_80_GiB_four_models_at_their_real_size()
    {
        var result = Run(Source("[Ppo]\n[RewardFrom(typeof(Rm))]\n[Budget(GpuMemoryGiB = 80)]"), (ConfigPath, Llama2_7B));
        var message = Assert.Single(Reported(result, "ALIGN024")).GetMessage();
        // 6,738,415,616 parameters: 16 B each trained (100.4 GiB), 4 B frozen (25.1 GiB).
        Assert.Contains("policy 100.4", message);
        Assert.Contains("value model 100.4", message);
        Assert.Contains("reference 25.1", message);
        Assert.Contains("reward model 25.1", message);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "Tests.Big.g.cs");
    }

    [Fact]
    public void Dpo_with_lora_in_bf16_on_the_same_model_fits_and_full_dpo_does_not()
    {
        var lora = Run(Source("[Dpo]\n[Lora(Rank = 16, Targets = \"q_proj,k_proj,v_proj,o_proj\")]\n[Training(Precision = Precision.Bf16)]\n[Budget(GpuMemoryGiB = 80)]"),
            (ConfigPath, Llama2_7B));
        Assert.Empty(Reported(lora, "ALIGN024"));
        // r·(in + out) per targeted projection per layer: 32 layers × 4 × 16 × (4096 + 4096).
        Assert.Contains("AdapterParameters = 16777216,", Generated(lora));
        Assert.Contains("Precision = global::AlignDsl.Precision.Bf16,", Generated(lora));

        var full = Run(Source("[Dpo]\n[Budget(GpuMemoryGiB = 80)]"), (ConfigPath, Llama2_7B));
        Assert.Contains("policy 100.4", Assert.Single(Reported(full, "ALIGN024")).GetMessage());
    }

    [Fact]
    public void Without_its_config_json_the_folder_is_named_as_info_and_the_tiny_estimate_applies()
    {
        var result = Run(Source("[Ppo]\n[RewardFrom(typeof(Rm))]\n[Budget(GpuMemoryGiB = 80)]"), ("/project/models/other/config.json", Llama2_7B));
        var info = Assert.Single(Reported(result, "ALIGN068"));
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Contains("<AdditionalFiles Include=\"models/llama-2-7b/config.json\" />", info.GetMessage());
        Assert.Equal("\"models/llama-2-7b\"", At(info));
        Assert.Empty(Reported(result, "ALIGN024"));
    }

    [Theory]
    [InlineData("\"FalconForCausalLM\"", "\"hidden_act\": \"silu\"", "field 'architectures' = FalconForCausalLM is not supported")]
    [InlineData("\"LlamaForCausalLM\"", "\"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0}", "field 'rope_scaling' is not supported")]
    [InlineData("\"LlamaForCausalLM\"", "\"hidden_act\": \"gelu\"", "field 'hidden_act' = gelu is not supported")]
    [InlineData("\"LlamaForCausalLM\"", "\"num_key_value_heads\": 5", "field 'num_key_value_heads' = 5 is not supported")]
    public void An_unsupported_config_is_an_error_naming_the_field(string architecture, string setting, string expected)
    {
        var config = $$"""{"architectures": [{{architecture}}], "hidden_size": 64, "num_attention_heads": 4, "num_hidden_layers": 2, "intermediate_size": 128, "vocab_size": 100, "max_position_embeddings": 32, {{setting}}}""";
        var result = Run(Source("[Sft]"), ("/project/models/llama-2-7b/config.json", config));
        var error = Assert.Single(Reported(result, "ALIGN066"));
        Assert.Contains(expected, error.GetMessage());
        Assert.Equal("\"models/llama-2-7b\"", At(error));
    }

    [Fact]
    public void Lora_targets_the_architecture_lacks_are_an_error_listing_its_projections()
    {
        var result = Run(Source("[Dpo]\n[Lora(Targets = \"q_proj,c_attn\")]"), (ConfigPath, Llama2_7B));
        var error = Assert.Single(Reported(result, "ALIGN067"));
        Assert.Contains("c_attn", error.GetMessage());
        Assert.Contains("q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj", error.GetMessage());
        Assert.Equal("\"q_proj,c_attn\"", At(error));
    }

    [Fact]
    public void Precision_and_gradient_checkpointing_reach_the_descriptor()
    {
        var result = Run(Source("[Sft]\n[Training(Precision = Precision.Bf16, GradientCheckpointing = true)]"), (ConfigPath, Llama2_7B));
        var text = Generated(result);
        Assert.Contains("Precision = global::AlignDsl.Precision.Bf16,", text);
        Assert.Contains("GradientCheckpointing = true,", text);
        var plain = Generated(Run(Source("[Sft]"), (ConfigPath, Llama2_7B)));
        Assert.DoesNotContain("Precision =", plain);
        Assert.DoesNotContain("GradientCheckpointing", plain);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
