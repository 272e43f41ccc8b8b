using AlignDsl.Models;
using AlignDsl.Objectives;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Objectives;

public sealed class SftTests
{
    [Fact]
    public void Loss_is_the_mean_nll_per_completion_token()
    {
        // Two sequences: −6 over 3 tokens and −2 over 1 token → 8 / 4 = 2.
        var output = Sft.Nll(new SequenceLogProbs(tensor(new float[] { -6, -2 }), tensor(new float[] { 3, 1 })));
        Assert.Equal(2.0, output.Loss.item<float>(), 5);
        Assert.Equal(Math.Exp(2.0), output.Metrics().Single(m => m.Name == "perplexity").Value.item<float>(), 3);
    }
}
