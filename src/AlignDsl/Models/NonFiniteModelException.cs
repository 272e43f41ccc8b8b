namespace AlignDsl.Models;

/// <summary>A model whose outputs are NaN or infinite was asked to sample or score: it has diverged.</summary>
public sealed class NonFiniteModelException(string message) : InvalidOperationException(message);
