using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>
/// Each token's log-probability under a model given the tokens before it: how a user checks that a checkpoint loaded
/// right, by comparing with the same figures from another implementation. The first token has no prefix, so no figure.
/// </summary>
public sealed record TokenScores(
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("ids")] IReadOnlyList<int> Ids,
    [property: JsonPropertyName("log_probs")] IReadOnlyList<double?> LogProbs)
{
    /// <summary>The tokens' text, when the model folder has a tokenizer.</summary>
    [JsonPropertyName("tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Tokens { get; init; }

    /// <summary>log p(ids[1..] | ids[0]): the sum of the per-token figures.</summary>
    [JsonPropertyName("total")]
    public double Total => LogProbs.Sum(p => p ?? 0);

    /// <summary>Runs <paramref name="model"/> once over <paramref name="ids"/> (in eval mode, without gradients).</summary>
    public static TokenScores Of(CausalLM model, IReadOnlyList<int> ids)
    {
        if (ids.Count == 0) throw new ArgumentException("Give at least one token id to score.");
        var vocabulary = model.Config.VocabularySize;
        foreach (var id in ids)
            if (id < 0 || id >= vocabulary) throw new ArgumentException($"Token id {id} is outside the model's vocabulary of {vocabulary}.");
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var wasTraining = model.training;
        model.eval();
        try
        {
            var input = tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Count], ScalarType.Int64, model.parameters().First().device);
            var logProbs = nn.functional.log_softmax(model.forward(input)[0, ..^1].to_type(ScalarType.Float64), -1);
            var picked = logProbs.gather(1, input[0, 1..].unsqueeze(1)).squeeze(1).cpu().data<double>().ToArray();
            return new TokenScores(model.Architecture, ids.ToArray(), [null, .. picked.Select(p => (double?)p)]);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
