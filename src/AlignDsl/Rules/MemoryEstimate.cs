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
    /// The models an objective holds while training, as the generated code builds them: a reward model adds a scalar
    /// head without bias (d) to the policy's body, a value model one with a bias (d + 1); DPO, IPO and KTO add a frozen reference unless its log-probs are precomputed.
    /// Win rate and KL (<paramref name="comparesWithBaseline"/>) keep a frozen copy of the starting policy when there is
    /// no resident reference to compare with. PPO holds a value model and a reference, and a frozen reward model unless
    /// its reward is a function (<paramref name="rewardModel"/> false). With LoRA (<paramref name="adapterParameters"/> &gt; 0)
    /// the policy's base is frozen and only its adapters train (a reward model's head trains too), and the reference or
    /// baseline is that base with the adapters switched off: no second copy.
    /// </summary>
    public static IReadOnlyList<ResidentEstimate> ResidentSet(string objective, bool precomputeReference, long policyParameters, int modelDim,
        bool comparesWithBaseline = false, bool rewardModel = true, Precision precision = Precision.Fp32, long adapterParameters = 0)
    {
        var lora = adapterParameters > 0;
        // With LoRA the reward model's body is frozen; its adapters and its head train.
        if (objective == "RewardModel")
            return [lora ? new ResidentEstimate("reward model", true, policyParameters, precision, adapterParameters + modelDim)
                         : new ResidentEstimate("reward model", true, policyParameters + modelDim, precision)];
        var policy = new ResidentEstimate("policy", true, policyParameters, precision, adapterParameters);
        // PPO holds four models: the policy and its value model train, the reference and the reward model score.
        if (objective == "Ppo")
        {
            var ppo = new List<ResidentEstimate> { policy, new("value model", true, policyParameters + modelDim + 1, precision) };
            // With LoRA the reference is the policy's base; win rate and KL then compare with a frozen copy of it.
            if (!lora) ppo.Add(new ResidentEstimate("reference", false, policyParameters, precision));
            else if (comparesWithBaseline) ppo.Add(new ResidentEstimate("baseline", false, policyParameters, precision));
            if (rewardModel) ppo.Add(new ResidentEstimate("reward model", false, policyParameters + modelDim, precision));
            return ppo;
        }
        if (lora) return [policy];
        if (objective is "Dpo" or "Ipo" or "Kto" && !precomputeReference) return [policy, new ResidentEstimate("reference", false, policyParameters, precision)];
        return comparesWithBaseline ? [policy, new ResidentEstimate("baseline", false, policyParameters, precision)] : [policy];
    }
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
