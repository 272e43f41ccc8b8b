using static TorchSharp.torch;

namespace AlignDsl.Data;

/// <summary>
/// Batches of two kinds of row stack them in halves (chosen then rejected; matched then mismatched):
/// this splits a per-row tensor back into its two halves.
/// </summary>
public static class Halves
{
    public static (Tensor First, Tensor Second) Split(Tensor rows)
    {
        var half = rows.shape[0] / 2;
        return (rows[..(int)half], rows[(int)half..]);
    }
}
