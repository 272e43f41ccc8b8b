using AlignDsl.Evaluation;

namespace AlignDsl.Tests.Evaluation;

public sealed class CalibrationTests
{
    // p = P(chosen wins). Confidence max(p, 1 − p); correct 1 when p > ½, ½ at p = ½, 0 below.
    // Ten bins of width 0.05 over [0.5, 1]: bin = floor((conf − 0.5) / 0.05).
    //   p      conf   correct  bin   gap |correct − conf|
    //   0.95   0.95   1        9     0.05
    //   0.85   0.85   1        7     0.15
    //   0.25   0.75   0        5     0.75
    //   0.50   0.50   0.5      0     0
    //   0.62   0.62   1        2     0.38
    //   0.58   0.58   1        1     0.42
    // one prediction per bin, weight 1/6 each: ECE = (0.05 + 0.15 + 0.75 + 0 + 0.38 + 0.42) / 6 = 1.75 / 6 = 0.291667
    // Brier = (0.05² + 0.15² + 0.75² + 0.5² + 0.38² + 0.42²) / 6 = (0.0025 + 0.0225 + 0.5625 + 0.25 + 0.1444 + 0.1764) / 6 = 1.1583 / 6 = 0.19305
    // NLL = (0.051293 + 0.162519 + 1.386294 + 0.693147 + 0.478036 + 0.544727) / 6 = 3.316017 / 6 = 0.552669
    private static readonly double[] Probabilities = [0.95, 0.85, 0.25, 0.5, 0.62, 0.58];

    [Fact]
    public void Ece_brier_and_nll_match_the_hand_computation()
    {
        Assert.Equal(1.75 / 6, Calibration.ExpectedCalibrationError(Probabilities), 9);
        Assert.Equal(0.19305, Calibration.Brier(Probabilities), 9);
        Assert.Equal(0.552669, Calibration.NegativeLogLikelihood(Probabilities), 6);
    }

    [Fact]
    public void Reliability_has_ten_bins_with_their_counts_confidence_and_accuracy()
    {
        var bins = Calibration.Reliability(Probabilities);

        Assert.Equal(10, bins.Count);
        Assert.Equal([1, 1, 1, 0, 0, 1, 0, 1, 0, 1], bins.Select(b => b.Count));
        Assert.Equal(0.75, bins[5].Lower, 12);
        Assert.Equal(0.8, bins[5].Upper, 12);
        Assert.Equal(0.75, bins[5].MeanConfidence, 12);
        Assert.Equal(0.0, bins[5].Accuracy);
        Assert.Equal(0.5, bins[0].Accuracy);
        Assert.True(double.IsNaN(bins[3].MeanConfidence) && double.IsNaN(bins[3].Accuracy));
    }

    [Fact]
    public void Confidence_one_falls_in_the_last_bin()
    {
        var bins = Calibration.Reliability([1.0, 0.0]);
        Assert.Equal(2, bins[9].Count);
        // p = 0 is a confident prediction that the rejected answer wins: wrong every time.
        Assert.Equal(0.5, bins[9].Accuracy);
        Assert.Equal(0.5, Calibration.ExpectedCalibrationError([1.0, 0.0]), 12);
    }

    [Fact]
    public void No_predictions_give_nan()
    {
        Assert.True(double.IsNaN(Calibration.ExpectedCalibrationError([])));
        Assert.True(double.IsNaN(Calibration.Brier([])));
        Assert.True(double.IsNaN(Calibration.NegativeLogLikelihood([])));
    }

    [Fact]
    public void Sigmoid_is_stable_at_both_ends()
    {
        Assert.Equal(0.5, Calibration.Sigmoid(0));
        Assert.Equal(1 / (1 + Math.Exp(-1)), Calibration.Sigmoid(1), 15);
        Assert.Equal(1.0, Calibration.Sigmoid(1000));
        Assert.Equal(0.0, Calibration.Sigmoid(-1000));
        Assert.Equal(1 - Calibration.Sigmoid(3), Calibration.Sigmoid(-3), 15);
    }

    [Fact]
    public void Pearson_matches_the_hand_computation()
    {
        // x = 1..4, y = 2, 4, 5, 9: deviations (−1.5, −0.5, 0.5, 1.5) and (−3, −1, 0, 4);
        // Σdx·dy = 4.5 + 0.5 + 0 + 6 = 11, Σdx² = 5, Σdy² = 26, r = 11 / √130 = 0.964764
        Assert.Equal(0.964764, Correlation.Pearson([1, 2, 3, 4], [2, 4, 5, 9]), 6);
        Assert.Equal(-1.0, Correlation.Pearson([1, 2, 3], [6, 4, 2]), 12);
        Assert.True(double.IsNaN(Correlation.Pearson([1, 2, 3], [5, 5, 5])));
        Assert.True(double.IsNaN(Correlation.Pearson([1], [2])));
    }
}
