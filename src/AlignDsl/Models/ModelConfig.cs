namespace AlignDsl.Models;

/// <summary>The size of a tiny pre-LN GPT. <see cref="VocabularySize"/> comes from the tokenizer at run time.</summary>
public sealed record ModelConfig(int Layers, int ModelDim, int Heads, int Context, int VocabularySize = ModelConfig.NominalVocabulary)
{
    /// <summary>The vocabulary assumed by compile-time estimates; the gym's compact vocabulary is smaller.</summary>
    public const int NominalVocabulary = 512;

    /// <summary>Parameters of the model: tied embeddings, positions, per block attention (4d²+4d) and MLP (8d²+5d) and two norms, a final norm.</summary>
    public long Parameters
    {
        get
        {
            long d = ModelDim;
            var perBlock = (4 * d * d + 4 * d) + (8 * d * d + 5 * d) + 4 * d;
            return (long)VocabularySize * d + (long)Context * d + Layers * perBlock + 2 * d;
        }
    }
}
