namespace AlignDsl.Rules;

/// <summary>
/// Training memory from model size alone, the same at compile time (the budget rule) and at run time (descriptors):
/// fp32 weights (4 B per parameter), plus gradients and AdamW's two moments (12 B more) for trainable models.
/// Activations are not counted. Shared as source with the generator.
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

    public static long Bytes(long parameters, bool trainable) => parameters * (trainable ? 16L : 4L);

    /// <summary>
    /// The models an objective holds while training, as the generated code builds them: a reward model adds a scalar
    /// head without bias (d) to the policy's body, a value model one with a bias (d + 1); DPO, IPO and KTO add a frozen reference unless its log-probs are precomputed.
    /// Win rate and KL (<paramref name="comparesWithBaseline"/>) keep a frozen copy of the starting policy when there is
    /// no resident reference to compare with. PPO holds a value model and a reference, and a frozen reward model unless
    /// its reward is a function (<paramref name="rewardModel"/> false).
    /// </summary>
    public static IReadOnlyList<ResidentEstimate> ResidentSet(string objective, bool precomputeReference, long policyParameters, int modelDim,
        bool comparesWithBaseline = false, bool rewardModel = true)
    {
        if (objective == "RewardModel") return [new ResidentEstimate("reward model", true, policyParameters + modelDim)];
        // PPO holds four models: the policy and its value model train, the reference and the reward model score.
        if (objective == "Ppo")
        {
            var ppo = new List<ResidentEstimate>
            {
                new("policy", true, policyParameters), new("value model", true, policyParameters + modelDim + 1), new("reference", false, policyParameters),
            };
            if (rewardModel) ppo.Add(new ResidentEstimate("reward model", false, policyParameters + modelDim));
            return ppo;
        }
        var policy = new ResidentEstimate("policy", true, policyParameters);
        if (objective is "Dpo" or "Ipo" or "Kto" && !precomputeReference) return [policy, new ResidentEstimate("reference", false, policyParameters)];
        return comparesWithBaseline ? [policy, new ResidentEstimate("baseline", false, policyParameters)] : [policy];
    }
}

/// <summary>One resident model of an estimate.</summary>
public sealed class ResidentEstimate(string role, bool trainable, long parameters)
{
    public string Role { get; } = role;
    public bool Trainable { get; } = trainable;
    public long Parameters { get; } = parameters;
    public long Bytes => MemoryEstimate.Bytes(Parameters, Trainable);
}
