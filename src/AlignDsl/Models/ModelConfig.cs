namespace AlignDsl.Models;

/// <summary>The size of a tiny pre-LN GPT. <see cref="VocabularySize"/> comes from the tokenizer at run time.</summary>
public sealed record ModelConfig(int Layers, int ModelDim, int Heads, int Context, int VocabularySize = ModelConfig.NominalVocabulary)
{
    /// <summary>The vocabulary assumed by compile-time estimates; the gym's compact vocabulary is smaller.</summary>
    public const int NominalVocabulary = Rules.MemoryEstimate.NominalVocabulary;

    /// <summary>Parameters of the model (see <see cref="Rules.MemoryEstimate.Parameters"/>).</summary>
    public long Parameters => Rules.MemoryEstimate.Parameters(Layers, ModelDim, Context, VocabularySize);
}
