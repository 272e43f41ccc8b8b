using AlignDsl.Data;
using AlignDsl.Data.Quality;
using AlignDsl.Objectives;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Data.Quality;

/// <summary>The weighted Bradley–Terry loss, and the pair weights that reach it through tokenization and batching.</summary>
public sealed class RankingWeightsTests
{
    private static Tensor T(params float[] values) => tensor(values);

    [Fact]
    public void Weighted_loss_is_the_weighted_mean_of_the_pair_losses()
    {
        // r_w − r_l = 1, 0, −0.5: −log σ gives 0.313262, 0.693147, 0.974077.
        // Weights 1/3, 1, 1/2: (0.313262/3 + 0.693147 + 0.974077/2)/(1/3 + 1 + 1/2) = 1.284606/1.833333 = 0.700694.
        var output = RewardModelLoss.BradleyTerry(T(1, 0, 0), T(0, 0, 0.5f), weights: T(1 / 3f, 1, 0.5f));
        Assert.Equal(0.700694, output.Loss.item<float>(), 5);
        // Unweighted: (0.313262 + 0.693147 + 0.974077)/3 = 0.660162.
        Assert.Equal(0.660162, RewardModelLoss.BradleyTerry(T(1, 0, 0), T(0, 0, 0.5f)).Loss.item<float>(), 5);
    }

    [Fact]
    public void With_all_weights_one_the_weighted_loss_is_the_plain_mean()
    {
        var chosen = T(0.3f, -1.2f, 2.0f, 0.1f);
        var rejected = T(0.5f, -2.0f, 1.0f, 0.1f);
        var plain = RewardModelLoss.BradleyTerry(chosen, rejected, margin: 0.25, centering: 0.01).Loss.item<float>();
        var weighted = RewardModelLoss.BradleyTerry(chosen, rejected, margin: 0.25, centering: 0.01, weights: ones(4)).Loss.item<float>();
        Assert.Equal(plain, weighted, 6);
        // Equal weights of any size cancel too.
        Assert.Equal(plain, RewardModelLoss.BradleyTerry(chosen, rejected, 0.25, 0.01, full(4, 1 / 6f)).Loss.item<float>(), 6);
    }

    [Fact]
    public void Pair_weights_reach_the_device_batch_in_pair_order()
    {
        var pairs = new RankedResponses("user: q\nassistant:", [" one", " two", " three"], [0, 1, 2]).ToPairs()
            .Append(new PreferencePair("user: r\nassistant:", " yes", " no")).ToList();
        var tokenizer = CompactTokenizer.FromCorpus(Texts.Of(pairs));
        var data = PreferenceData.Tokenize(pairs, tokenizer, maxLength: 16);
        Assert.Equal([1 / 3f, 1 / 3f, 1 / 3f, 1f], data.Weights);

        var inOrder = data.InOrder(4).Single().ToDevice(CPU);
        Assert.Equal([1 / 3f, 1 / 3f, 1 / 3f, 1f], inOrder.Weights!.data<float>().ToArray());
        // Shuffled batches carry each pair's own weight: the weight of the pair its index names.
        foreach (var (_, batch) in data.Batches(batchSize: 3, steps: 4, seed: 3))
        {
            var tensors = batch.ToDevice(CPU);
            var indices = tensors.Indices!.data<long>().Take(3).ToArray();
            Assert.Equal(indices.Select(i => data.Weights[(int)i]), tensors.Weights!.data<float>().ToArray());
        }
    }
}
