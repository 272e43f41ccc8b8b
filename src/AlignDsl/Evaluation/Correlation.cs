namespace AlignDsl.Evaluation;

/// <summary>Correlation of two paired samples, e.g. a reward and the length of the answer it scored.</summary>
public static class Correlation
{
    /// <summary>
    /// Pearson's r: cov(x, y) / (σx·σy). NaN with fewer than two points or when either sample is constant, where
    /// the correlation is undefined.
    /// </summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"Pearson needs paired samples; got {x.Count} and {y.Count} values.", nameof(y));
        if (x.Count < 2) return double.NaN;
        var (meanX, meanY) = (x.Average(), y.Average());
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var (dx, dy) = (x[i] - meanX, y[i] - meanY);
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }
        return varianceX == 0 || varianceY == 0 ? double.NaN : covariance / Math.Sqrt(varianceX * varianceY);
    }
}
