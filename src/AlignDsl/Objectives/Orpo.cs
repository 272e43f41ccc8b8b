using AlignDsl.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace AlignDsl.Objectives;

/// <summary>
/// ORPO (reference-free): loss = NLL(y_w) − λ·log σ(log-odds(y_w) − log-odds(y_l)), where
/// log-odds(y) = p̄ − log(1 − exp(p̄)) and p̄ is the mean log π per completion token. Rewards are λ·p̄, as in TRL.
/// </summary>
public static class Orpo
{
    public static OrpoOutput Loss(SequenceLogProbs chosen, SequenceLogProbs rejected, double lambda)
    {
        var nll = -chosen.Sum.sum() / chosen.Tokens.sum();
        var logOdds = LogOdds(chosen.Mean) - LogOdds(rejected.Mean);
        var ratio = logsigmoid(logOdds);
        var loss = nll - lambda * ratio.mean();
        // Log-probs per token, as TRL's ORPO trainer reports them.
        return new OrpoOutput(loss, (lambda * chosen.Mean).detach(), (lambda * rejected.Mean).detach(), chosen.Mean.detach(), rejected.Mean.detach(),
            nll.detach(), ratio.mean().detach(), logOdds.mean().detach());
    }

    /// <summary>log(p / (1 − p)) from log p, stable for p close to 1 (log1p(−exp(x)) never takes the log of 0 for x &lt; 0).</summary>
    private static Tensor LogOdds(Tensor meanLogProb) => meanLogProb - log1p(-exp(meanLogProb.clamp_max(-1e-6)));
}

/// <summary>ORPO's loss and figures: the preference figures plus the NLL and the odds-ratio terms in TRL's names.</summary>
public sealed record OrpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards, Tensor ChosenLogProbs, Tensor RejectedLogProbs,
    Tensor Nll, Tensor LogOddsRatio, Tensor LogOddsChosen) : IObjectiveOutput
{
    public IEnumerable<(string Name, Tensor Value)> Metrics() =>
        new PreferenceOutput(Loss, ChosenRewards, RejectedRewards, ChosenLogProbs, RejectedLogProbs).Metrics()
            .Concat([("nll_loss", Nll), ("log_odds_ratio", LogOddsRatio), ("log_odds_chosen", LogOddsChosen)]);
}
