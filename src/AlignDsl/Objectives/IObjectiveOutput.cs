using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>What a loss kernel returns: the loss to back-propagate and its metrics as device scalars, in TRL's names.</summary>
public interface IObjectiveOutput
{
    Tensor Loss { get; }

    IEnumerable<(string Name, Tensor Value)> Metrics();
}
