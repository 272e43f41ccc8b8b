using System.Text.Json.Nodes;
using AlignDsl.Models.Architectures;
using AlignDsl.Models.Lora;
using AlignDsl.Rules;
using AlignDsl.Tests.Models.Pretrained;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models;

/// <summary>The compile-time parameter arithmetic from config.json agrees with the models the runtime builds from the same file.</summary>
public sealed class ArchitectureShapeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aligndsl-shape-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static ArchitectureShape Shape(JsonObject config)
    {
        var shape = ArchitectureShape.Read(name => config[name] switch
        {
            null => null,
            JsonArray array => array.Count > 0 ? array[0]!.GetValue<string>() : "[]",
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var node => node.ToJsonString(),
        }, out var problem);
        Assert.True(shape is not null, problem);
        return shape!;
    }

    public static TheoryData<string, bool, int> LlamaFamilies => new()
    {
        { "llama", false, 2 }, { "llama", true, 4 }, { "qwen2", false, 2 }, { "qwen2", true, 1 }, { "mistral", false, 2 },
    };

    [Theory]
    [MemberData(nameof(LlamaFamilies))]
    public void Llama_family_parameter_count_matches_the_built_model(string family, bool tied, int kvHeads)
    {
        var fixture = HfFixtures.Llama(Path.Combine(_root, family), family, ScalarType.Float32, tied, kvHeads);
        using var model = PretrainedModels.Load(fixture.Directory);
        Assert.Equal(model.parameters().Sum(p => p.numel()), Shape(fixture.Config).Parameters);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gpt2_parameter_count_matches_the_built_model(bool tied)
    {
        var fixture = HfFixtures.Gpt2(Path.Combine(_root, "gpt2"), ScalarType.Float32, tied);
        using var model = PretrainedModels.Load(fixture.Directory);
        Assert.Equal(model.parameters().Sum(p => p.numel()), Shape(fixture.Config).Parameters);
    }

    [Fact]
    public void The_gym_shape_is_the_tiny_gpt()
    {
        var config = new AlignDsl.Models.ModelConfig(3, 48, 4, 40, 123);
        using var model = new AlignDsl.Models.TinyGpt(config);
        Assert.Equal(model.parameters().Sum(p => p.numel()), ArchitectureShape.Gym(3, 48, 40, 123).Parameters);
    }

    [Theory]
    [InlineData("q_proj,v_proj")]
    [InlineData("q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj")]
    public void Lora_count_matches_the_adapters_attached(string targets)
    {
        var fixture = HfFixtures.Llama(Path.Combine(_root, "lora"), "qwen2", ScalarType.Float32, tied: false, kvHeads: 2);
        using var model = PretrainedModels.Load(fixture.Directory);
        var before = model.parameters().Sum(p => p.numel());
        LoraAdapters.Apply(model, new LoraSettings(3, 6, 0, targets.Split(',')));
        var trained = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        Assert.Equal(model.parameters().Sum(p => p.numel()) - before, trained);
        Assert.Equal(trained, Shape(fixture.Config).LoraParameters(3, targets.Split(',')));
    }

    [Fact]
    public void Llama_2_7b_has_its_published_parameter_count()
    {
        var config = JsonNode.Parse("""
            {"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "intermediate_size": 11008, "max_position_embeddings": 4096,
             "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 32, "rope_scaling": null,
             "tie_word_embeddings": false, "vocab_size": 32000}
            """)!.AsObject();
        Assert.Equal(6_738_415_616, Shape(config).Parameters);
    }
}
