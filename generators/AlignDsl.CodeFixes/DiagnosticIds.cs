namespace AlignDsl.CodeFixes;

/// <summary>
/// The ids of the rules these fixes repair, as <c>AlignDsl.Rules.RuleBook</c> numbers them (a test checks that they agree).
/// Written out rather than linked: the rulebook's source would make a second public copy of its types here.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary><c>RuleBook.ClassNotPartial</c>, reported on the class name.</summary>
    public const string ClassNotPartial = "ALIGN001";

    /// <summary><c>RuleBook.RedTeamWithoutOverRefusal</c>, reported on the <c>EvalSuite(typeof(RedTeam))</c> attribute.</summary>
    public const string RedTeamWithoutOverRefusal = "ALIGN013";

    /// <summary><c>RuleBook.ReferenceForReferenceFreeObjective</c>, reported on the <c>Reference</c> attribute.</summary>
    public const string ReferenceForReferenceFreeObjective = "ALIGN023";
}
