using TorchSharp.Modules;

namespace AlignDsl.Models.Architectures;

/// <summary>Builds the causal LM a model folder's <c>config.json</c> describes and loads its safetensors weights into it.</summary>
public static class PretrainedModels
{
    /// <summary>The <c>architectures</c> values a causal LM can be built from.</summary>
    public static readonly IReadOnlyList<string> Supported = [.. LlamaConfig.Architectures, "GPT2LMHeadModel"];

    /// <summary>The model <paramref name="config"/> describes, with fresh weights. A sequence-classification class builds its body.</summary>
    public static CausalLM Build(HfConfig config)
    {
        var architecture = config.Architecture;
        var causal = architecture.Replace("ForSequenceClassification", "ForCausalLM").Replace("GPT2ForCausalLM", "GPT2LMHeadModel");
        if (causal == "GPT2LMHeadModel") return new Gpt2(Gpt2Config.From(config));
        if (LlamaConfig.Architectures.Contains(causal)) return new Llama(LlamaConfig.From(config, causal));
        throw new NotSupportedException($"{config.Source}: field 'architectures' = {architecture} is not supported (supported: {string.Join(", ", Supported)}).");
    }

    /// <summary>The causal LM of a Hugging Face model folder, weights loaded tensor by tensor.</summary>
    public static CausalLM Load(string directory)
    {
        var config = HfConfig.Read(directory);
        if (config.Architecture.EndsWith("ForSequenceClassification", StringComparison.Ordinal))
            throw new NotSupportedException($"{config.Source}: field 'architectures' = {config.Architecture}: a sequence classifier (a reward model) scores whole sequences and has no token probabilities.");
        var model = Build(config);
        try
        {
            SafeTensors.WeightFiles.LoadInto(directory, model.HfParameters(), model.IsIgnoredTensor);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Parameters of <paramref name="model"/>'s body, by the names a sequence-classification model gives them (no <c>lm_head</c>).</summary>
    public static IEnumerable<KeyValuePair<string, Parameter>> BodyParameters(CausalLM model) =>
        model.HfParameters().Where(p => p.Key.StartsWith(model.BodyPrefix + ".", StringComparison.Ordinal));
}
