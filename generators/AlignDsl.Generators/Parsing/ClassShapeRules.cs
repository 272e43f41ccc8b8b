using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// ALIGN048: the shapes of class the generated part cannot extend. The generated part is a plain
/// <c>partial class</c> in another file that implements <c>IExperiment</c> with static members, so the user's part must be
/// a non-generic, non-static class visible outside its file.
/// </summary>
internal static class ClassShapeRules
{
    public static void Check(INamedTypeSymbol type, TypeDeclarationSyntax declaration, string experiment, LocationInfo? classLocation,
        List<DiagnosticInfo> diagnostics)
    {
        foreach (var (shape, fix) in Problems(type, declaration))
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ClassShapeUnsupported, classLocation, experiment, shape, fix));
    }

    private static IEnumerable<(string Shape, string Fix)> Problems(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        if (declaration is RecordDeclarationSyntax || declaration is StructDeclarationSyntax || declaration is InterfaceDeclarationSyntax)
            yield return ($"as a{(declaration is InterfaceDeclarationSyntax ? "n" : "")} {Keyword(declaration)}",
                $"declare it 'partial class {type.Name}' (the generated part is a class)");
        if (type.TypeParameters.Length > 0)
            yield return ("generic", "remove its type parameters: an experiment is one fixed declaration, run by name");
        if (type.IsStatic)
            yield return ("static", "remove 'static': the generated part implements IExperiment, which a static class cannot");
        if (type.IsFileLocal)
            yield return ("file-local ('file')", "remove 'file': the generated part lives in another file, and the registry names the class");
    }

    private static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        _ => "interface",
    };
}
