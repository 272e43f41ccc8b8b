using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>What a loss kernel returns: the loss to back-propagate and its metrics as device scalars, in TRL's names.</summary>
public interface IObjectiveOutput
{
    Tensor Loss { get; }

    /// <summary>Figures over the whole batch; a logging window reports their mean over its steps.</summary>
    IEnumerable<(string Name, Tensor Value)> Metrics();

    /// <summary>Figures over some of a batch's rows, pooled over the logging window; none unless the objective has them.</summary>
    IEnumerable<PooledMean> PooledMeans() => [];

    /// <summary>Differences of the pooled means, derived when the window is read; none unless the objective has them.</summary>
    IEnumerable<MeanDifference> MeanDifferences() => [];
}
