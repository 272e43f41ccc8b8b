using AlignDsl.Generators.Emitting;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// ALIGN049: a member the user declared with the name of one the generated part declares (a <c>const int Steps</c>
/// beside <c>[Training(Steps = Steps)]</c>) would be CS0102 inside the generated file. The generated members are read
/// from the generated text itself, so the check follows the emitter whatever it adds; a class named like one of them is
/// CS0542 and reported the same way.
/// </summary>
internal static class GeneratedMemberRule
{
    public static IEnumerable<DiagnosticInfo> Check(ExperimentModel experiment)
    {
        var generated = GeneratedMembers(ExperimentEmitter.Emit(experiment), experiment.ClassName);
        foreach (var member in experiment.UserMembers)
            if (generated.Contains(member.Name))
                yield return DiagnosticInfo.Create(RuleBook.MemberCollidesWithGenerated, member.Location ?? experiment.Location, member.Name, experiment.ClassName,
                    "the generated file declares a member of that name");
        if (generated.Contains(experiment.ClassName))
            yield return DiagnosticInfo.Create(RuleBook.MemberCollidesWithGenerated, experiment.Location, experiment.ClassName, experiment.ClassName,
                "a class cannot have a member named like itself");
    }

    private static HashSet<string> GeneratedMembers(string text, string className)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var type = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(t => t.Identifier.ValueText == className);
        foreach (var member in type?.Members ?? default)
        {
            switch (member)
            {
                case BaseFieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables) names.Add(variable.Identifier.ValueText);
                    break;
                case PropertyDeclarationSyntax property: names.Add(property.Identifier.ValueText); break;
                case MethodDeclarationSyntax method: names.Add(method.Identifier.ValueText); break;
                case BaseTypeDeclarationSyntax nested: names.Add(nested.Identifier.ValueText); break;
                case DelegateDeclarationSyntax d: names.Add(d.Identifier.ValueText); break;
            }
        }
        return names;
    }
    /// <summary>
    /// A sweep's declaration: its generated part declares the setting's name (the values) and one nested class per member,
    /// so the user's class must not declare those names.
    /// </summary>
    public static ExperimentModel CheckSweep(ExperimentModel declaration)
    {
        if (declaration.Sweep is not { } sweep) return declaration;
        var generated = new HashSet<string>(sweep.Values.Select(v => SweepExpansion.MemberClass(sweep.Setting, v.Value))) { sweep.Setting };
        var collisions = declaration.UserMembers.Where(m => generated.Contains(m.Name))
            .Select(m => DiagnosticInfo.Create(RuleBook.MemberCollidesWithGenerated, m.Location ?? declaration.Location, m.Name, declaration.ClassName,
                "the sweep's generated part declares a member of that name"))
            .ToList();
        return collisions.Count == 0 ? declaration
            : declaration with { Diagnostics = declaration.Diagnostics.Concat(collisions).ToEquatableArray(), CanEmit = false };
    }
}
