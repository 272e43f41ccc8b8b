using AlignDsl.Data;
using AlignDsl.Guards;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Guards;

/// <summary>The rollout's entropy figures against sums computed by hand.</summary>
public sealed class RolloutFiguresTests
{
    [Fact]
    public void Entropy_is_trls_sum_per_answer_averaged_over_answers_and_the_guards_read_it_per_token()
    {
        // Row 0: prompt [1], answer [4, 5, 6]; row 1: prompt [1], answer [7], padded.
        var sequences = new[] { new TokenizedSequence([1, 4, 5, 6], 1), new TokenizedSequence([1, 7], 1) };
        var batch = new SequenceBatch(sequences);
        var rollout = new Rollout(["a", "b"], ["x", "y"], sequences, batch.ToDevice(CPU), batch.TokenCount);
        // Log-probs of the sampled tokens; padding positions hold garbage that must not count.
        var logProbs = tensor(new float[] { -0.5f, -1, -1.5f, -2, 9, 9 }, [2, 3]);
        var figures = RolloutFigures.Of(rollout, logProbs).ToDictionary(f => f.Name, f => (double)f.Value.item<float>());
        // Answers: 3 nats and 2 nats → 2.5 per answer; 5 nats over 4 tokens → 1.25 per token.
        Assert.Equal(2.5, figures["objective/entropy"], 5);
        Assert.Equal(1.25, figures["rollout/token_entropy"], 5);
        Assert.Equal(2.0, figures["rollout/response_length"], 5);
    }
}
