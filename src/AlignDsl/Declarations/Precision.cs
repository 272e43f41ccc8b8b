namespace AlignDsl;

/// <summary>The floating-point format a model computes in while it trains.</summary>
public enum Precision
{
    /// <summary>32-bit floats throughout.</summary>
    Fp32,

    /// <summary>bfloat16 weights and activations, with fp32 master weights and optimiser state.</summary>
    Bf16,
}
