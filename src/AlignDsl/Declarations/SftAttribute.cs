namespace AlignDsl;

/// <summary>Supervised fine-tuning: negative log-likelihood of the completion tokens only. Resident: the policy.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SftAttribute : Attribute;
