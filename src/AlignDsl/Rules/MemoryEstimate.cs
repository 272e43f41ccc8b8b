using AlignDsl.Catalogue;

namespace AlignDsl.Rules;

/// <summary>
/// Training memory, the same at compile time (the budget rule) and at run time (descriptors, <c>describe</c>):
/// the resident models' weights and optimiser state (<see cref="ResidentSet"/>), plus the activations a training step
/// keeps for its backward pass (<see cref="ActivationEstimate"/>). docs/memory.md states the formula and how it was checked.
/// Shared as source with the generator.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>The vocabulary assumed before a tokenizer exists; the gym's compact vocabulary is smaller.</summary>
    public const int NominalVocabulary = 512;

    /// <summary>Tied embeddings, positions, per block attention (4d²+4d), MLP (8d²+5d) and two norms (4d), and a final norm.</summary>
    public static long Parameters(int layers, int modelDim, int context, int vocabulary = NominalVocabulary)
    {
        long d = modelDim;
        var perBlock = (4 * d * d + 4 * d) + (8 * d * d + 5 * d) + 4 * d;
        return (long)vocabulary * d + (long)context * d + layers * perBlock + 2 * d;
    }

    /// <summary>Bytes of one weight: 4 in fp32, 2 in bf16.</summary>
    public static long WeightBytes(Precision precision) => precision == Precision.Bf16 ? 2 : 4;

    /// <summary>
    /// Bytes per trained parameter: in fp32 the weight, its gradient and AdamW's two moments (16); in bf16 the bf16 weight
    /// and gradient, the fp32 master weight and the fp32 gradient it is stepped with, and the two fp32 moments (20).
    /// </summary>
    public static long TrainedBytes(Precision precision) => precision == Precision.Bf16 ? 20 : 16;

    public static long Bytes(long parameters, bool trainable, Precision precision = Precision.Fp32) =>
        parameters * (trainable ? TrainedBytes(precision) : WeightBytes(precision));

    /// <summary>
    /// The models an objective holds while training, as its catalogue entry lists them for these options (the generated
    /// code builds the same), with the frozen baseline win rate and KL (<paramref name="comparesWithBaseline"/>) keep when
    /// there is no live reference. With LoRA the policy's base is frozen and only its <paramref name="adapterParameters"/>
    /// train (a reward model's head trains beside them); a reference that is that base with the adapters off is no second copy.
    /// </summary>
    public static IReadOnlyList<ResidentEstimate> ResidentSet(ObjectiveEntry objective, ResidentOptions options, long policyParameters, int modelDim,
        bool comparesWithBaseline = false, Precision precision = Precision.Fp32, long adapterParameters = 0) =>
        ObjectiveCatalogue.Residents(objective, options, comparesWithBaseline)
            .Select(r => new ResidentEstimate(r.Role, r.Trainable, r.Parameters(policyParameters, modelDim), precision,
                TrainedWithAdapters(r.Role, r.Trainable, adapterParameters, modelDim)))
            .ToList();

    /// <summary>
    /// What trains of a resident model when LoRA adapters (<paramref name="adapterParameters"/>) are declared: the
    /// policy's adapters; a trained reward model's adapters and its head (d); nothing of any other model (0: it trains whole or not at all).
    /// </summary>
    public static long TrainedWithAdapters(string role, bool trainable, long adapterParameters, int modelDim) =>
        adapterParameters == 0 || !trainable ? 0
        : role == ObjectiveCatalogue.PolicyRole ? adapterParameters
        : role == "reward model" ? adapterParameters + modelDim
        : 0;
}

/// <summary>
/// One resident model of an estimate: <see cref="Parameters"/> weights, all trained, or (with LoRA) frozen beside
/// <see cref="AdapterParameters"/> trained adapter weights.
/// </summary>
public sealed class ResidentEstimate(string role, bool trainable, long parameters, Precision precision = Precision.Fp32, long adapterParameters = 0)
{
    public string Role { get; } = role;
    public bool Trainable { get; } = trainable;
    public long Parameters { get; } = parameters;
    public Precision Precision { get; } = precision;
    public long AdapterParameters { get; } = adapterParameters;

    public long Bytes => AdapterParameters > 0
        ? MemoryEstimate.Bytes(Parameters, false, Precision) + MemoryEstimate.Bytes(AdapterParameters, true, Precision)
        : MemoryEstimate.Bytes(Parameters, Trainable, Precision);
}
