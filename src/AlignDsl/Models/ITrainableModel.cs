using TorchSharp.Modules;

namespace AlignDsl.Models;

/// <summary>What a run trains and saves: a policy, or a reward model.</summary>
public interface ITrainableModel : IDisposable
{
    IEnumerable<Parameter> Parameters();

    /// <summary>Writes the model's checkpoint folder.</summary>
    void Save(string directory);

    /// <summary>Loads the weights of a checkpoint folder of the same architecture and shape (what <c>evaluate</c> scores).</summary>
    void LoadWeights(string directory);
}
