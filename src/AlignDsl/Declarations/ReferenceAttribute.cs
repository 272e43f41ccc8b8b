namespace AlignDsl;

/// <summary>
/// Declares a frozen reference model: a copy of the starting policy. DPO, IPO and KTO hold one anyway; SimPO and ORPO
/// do not use one, so declaring it there only wastes memory (ALIGN023).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReferenceAttribute : Attribute;
