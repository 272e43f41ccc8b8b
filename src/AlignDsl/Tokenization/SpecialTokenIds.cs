namespace AlignDsl.Tokenization;

/// <summary>The ids and texts of a model's BOS, EOS, pad and unknown tokens, and whether its encoding adds BOS.</summary>
internal sealed record SpecialTokenIds(int? Bos, int? Eos, int? Pad, int? Unk, bool AddBos, string? BosText, string? EosText);
