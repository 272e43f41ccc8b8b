using System.Globalization;

namespace AlignDsl.Rules;

/// <summary>One kind of projection of a block: its module name (PEFT's target name), input and output width, and how many a block has.</summary>
public sealed class ProjectionShape(string name, long inputs, long outputs, int perBlock = 1)
{
    public string Name { get; } = name;
    public long Inputs { get; } = inputs;
    public long Outputs { get; } = outputs;
    public int PerBlock { get; } = perBlock;
}

/// <summary>
/// The shape of a pretrained model from its <c>config.json</c> fields: enough to count its parameters and the parameters
/// of LoRA adapters on its projections, before any weight is read. Llama, Mistral and Qwen2 (RMSNorm, grouped-query
/// attention, SwiGLU, Qwen2's q/k/v biases) and GPT-2 (learned positions, LayerNorm, fused q/k/v) are known; the same
/// arithmetic as the runtime's modules, which tests compare. Shared as source with the generator (no JSON library there:
/// fields are read through a lookup that returns each top-level scalar as text, strings unquoted, or null).
/// </summary>
public sealed class ArchitectureShape
{
    public static readonly string[] Supported = ["LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM", "GPT2LMHeadModel"];

    private ArchitectureShape(string architecture, int layers, long width, long vocabulary, long context, long inner, long parameters, ProjectionShape[] projections)
    {
        Architecture = architecture;
        Layers = layers;
        Width = width;
        Vocabulary = vocabulary;
        Context = context;
        Inner = inner;
        Parameters = parameters;
        Projections = projections;
    }

    public string Architecture { get; }
    public int Layers { get; }
    public long Width { get; }
    public long Vocabulary { get; }
    public long Context { get; }

    /// <summary>The MLP's hidden width.</summary>
    public long Inner { get; }

    /// <summary>Every weight of the causal LM, a tied output projection counted once.</summary>
    public long Parameters { get; }

    public IReadOnlyList<ProjectionShape> Projections { get; }

    /// <summary>LoRA's trainable parameters: r·(in + out) for each targeted projection of each block.</summary>
    public long LoraParameters(int rank, IEnumerable<string> targets)
    {
        var wanted = new HashSet<string>(targets);
        return Layers * Projections.Where(p => wanted.Contains(p.Name)).Sum(p => p.PerBlock * rank * (p.Inputs + p.Outputs));
    }

    /// <summary>The targets no projection of this architecture is named after.</summary>
    public IReadOnlyList<string> MissingTargets(IEnumerable<string> targets) =>
        targets.Where(t => Projections.All(p => p.Name != t)).Distinct().ToList();

    /// <summary>Whether blocks are Llama's (RMSNorm, SwiGLU) rather than GPT-2's.</summary>
    public bool IsLlama => Architecture != "GPT2LMHeadModel";

    /// <summary>The gym's tiny GPT: a GPT-2 with a 4× MLP and tied embeddings.</summary>
    public static ArchitectureShape Gym(int layers, int modelDim, int context, int vocabulary = MemoryEstimate.NominalVocabulary)
    {
        var fields = new Dictionary<string, string>
        {
            ["architectures"] = "GPT2LMHeadModel", ["n_layer"] = Text(layers), ["n_embd"] = Text(modelDim),
            ["n_positions"] = Text(context), ["vocab_size"] = Text(vocabulary),
        };
        return Read(name => fields.TryGetValue(name, out var value) ? value : null, out _)!;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shape, or null with <paramref name="problem"/> naming the field that is missing or not supported.</summary>
    public static ArchitectureShape? Read(Func<string, string?> field, out string? problem)
    {
        problem = null;
        var architecture = field("architectures");
        try
        {
            switch (architecture)
            {
                case "LlamaForCausalLM" or "MistralForCausalLM" or "Qwen2ForCausalLM": return Llama(architecture, field);
                case "GPT2LMHeadModel": return Gpt2(field);
                case null: throw new FormatException("field 'architectures' is missing; it names the model class (e.g. LlamaForCausalLM)");
                default: throw new FormatException($"field 'architectures' = {architecture} is not supported; supported: {string.Join(", ", Supported)}");
            }
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static ArchitectureShape Llama(string architecture, Func<string, string?> field)
    {
        if (field("rope_scaling") is { } scaling && scaling != "null")
            throw new FormatException("field 'rope_scaling' is not supported (rotary scaling is not implemented; only plain RoPE with rope_theta)");
        if ((field("hidden_act") ?? "silu") != "silu")
            throw new FormatException($"field 'hidden_act' = {field("hidden_act")} is not supported (the SwiGLU MLP here uses silu)");
        long d = Int(field, "hidden_size"), heads = Int(field, "num_attention_heads"), vocabulary = Int(field, "vocab_size"), inner = Int(field, "intermediate_size");
        var kvHeads = Int(field, "num_key_value_heads", heads);
        if (kvHeads <= 0 || heads % kvHeads != 0)
            throw new FormatException($"field 'num_key_value_heads' = {kvHeads} is not supported (it must divide num_attention_heads, {heads})");
        var headDim = Int(field, "head_dim", d / heads);
        var layers = (int)Int(field, "num_hidden_layers");
        var qwen = architecture == "Qwen2ForCausalLM";
        var attentionBias = Bool(field, "attention_bias", false);
        bool qkvBias = qwen || attentionBias, outputBias = !qwen && attentionBias, mlpBias = Bool(field, "mlp_bias", false);
        ProjectionShape[] projections =
        [
            new("q_proj", d, heads * headDim), new("k_proj", d, kvHeads * headDim), new("v_proj", d, kvHeads * headDim),
            new("o_proj", heads * headDim, d), new("gate_proj", d, inner), new("up_proj", d, inner), new("down_proj", inner, d),
        ];
        var weights = projections.Sum(p => p.Inputs * p.Outputs);
        var biases = (qkvBias ? (heads + 2 * kvHeads) * headDim : 0) + (outputBias ? d : 0) + (mlpBias ? 2 * inner + d : 0);
        var perBlock = weights + biases + 2 * d;
        var embeddings = vocabulary * d * (Bool(field, "tie_word_embeddings", false) ? 1 : 2);
        return new ArchitectureShape(architecture, layers, d, vocabulary, Int(field, "max_position_embeddings"), inner,
            embeddings + layers * perBlock + d, projections);
    }

    private static ArchitectureShape Gpt2(Func<string, string?> field)
    {
        long d = Int(field, "n_embd"), vocabulary = Int(field, "vocab_size"), positions = Int(field, "n_positions");
        var inner = Int(field, "n_inner", 4 * d);
        var layers = (int)Int(field, "n_layer");
        // Both the attention's and the MLP's output projections are named c_proj.
        ProjectionShape[] projections = [new("c_attn", d, 3 * d), new("c_proj", d, d), new("c_fc", d, inner), new("c_proj", inner, d)];
        var perBlock = projections.Sum(p => p.Inputs * p.Outputs + p.Outputs) + 4 * d;
        var embeddings = vocabulary * d * (Bool(field, "tie_word_embeddings", true) ? 1 : 2) + positions * d;
        return new ArchitectureShape("GPT2LMHeadModel", layers, d, vocabulary, positions, inner, embeddings + layers * perBlock + 2 * d, projections);
    }

    private static long Int(Func<string, string?> field, string name, long? fallback = null)
    {
        var text = field(name);
        if (text is null || text == "null") return fallback ?? throw new FormatException($"field '{name}' is missing");
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value : throw new FormatException($"field '{name}' = {text} is not a positive whole number");
    }

    private static bool Bool(Func<string, string?> field, string name, bool fallback) => field(name) switch
    {
        "true" => true,
        "false" => false,
        null or "null" => fallback,
        var other => throw new FormatException($"field '{name}' = {other} is not true or false"),
    };
}
