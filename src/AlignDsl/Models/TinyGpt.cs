using AlignDsl.Models.Architectures;

namespace AlignDsl.Models;

/// <summary>
/// The gym's tiny GPT: a <see cref="Gpt2"/> with exact GELU, LayerNorm ε 1e-5 and the output projection tied to the
/// token embedding, so it saves as a <c>GPT2LMHeadModel</c> that Hugging Face's GPT-2 computes exactly
/// (<c>activation_function = "gelu"</c>).
/// </summary>
public sealed class TinyGpt(ModelConfig config) : Gpt2(Gpt2Config.Gym(config));
