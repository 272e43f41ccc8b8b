using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AlignDsl.Generators.Tests;

/// <summary>One mutated declaration file: which file, what was done to it (in order), and the text that resulted.</summary>
internal sealed record Mutant(string File, string Original, string Description, string Text);

/// <summary>
/// Ways to break a declaration file the way an editor does mid-typing, or the way a confused user does. Each mutation
/// works on Roslyn's tokens and nodes of the text it is given, and returns <see langword="null"/> when it does not
/// apply (no numeric literal left to replace, say). Everything is drawn from the <see cref="Random"/> it is handed,
/// so a seed fixes every mutant.
/// </summary>
internal static class Mutations
{
    /// <summary>What one mutation did, and the text after it.</summary>
    internal readonly record struct Edit(string Description, string Text);

    /// <summary>A mutation: a name (for reports) and the function that applies it.</summary>
    internal sealed record Kind(string Name, Func<string, Random, Edit?> Apply);

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    /// <summary>
    /// The mutations that change what is declared rather than break the syntax: most of their mutants still compile as the
    /// user's code, so the generated code is what is left to fail.
    /// </summary>
    public static IReadOnlyList<Kind> Semantic => All.Where(k => k.Name is "numeric-literal" or "string-literal" or "typeof" or "misspell-attribute"
        or "reshape-class" or "reshape-namespace" or "add-attribute" or "add-member").ToList();

    /// <summary>Every mutation, each on its own; <see cref="Generate"/> also chains them.</summary>
    public static IReadOnlyList<Kind> All { get; } =
    [
        new("delete-token", DeleteToken),
        new("delete-range", DeleteRange),
        new("duplicate-token", DuplicateToken),
        new("swap-tokens", SwapAdjacentTokens),
        new("numeric-literal", ReplaceNumericLiteral),
        new("string-literal", ReplaceStringLiteral),
        new("typeof", ReplaceTypeOf),
        new("remove-closer", RemoveCloser),
        new("truncate", Truncate),
        new("directive", InsertDirective),
        new("misspell-attribute", MisspellAttribute),
        new("reshape-class", ReshapeClass),
        new("reshape-namespace", ReshapeNamespace),
        new("add-attribute", AddAttribute),
        new("add-member", AddMember),
    ];

    /// <summary>
    /// For each file, <paramref name="singlesPerKind"/> mutants of each kind alone, then <paramref name="combinations"/>
    /// mutants of two to four kinds applied one after the other. Mutants equal to their original, or to an earlier
    /// mutant of the same file, are dropped, so every mutant is distinct.
    /// </summary>
    public static IReadOnlyList<Mutant> Generate(IReadOnlyList<(string File, string Text)> files, int seed, int singlesPerKind, int combinations) =>
        Generate(files, seed, singlesPerKind, combinations, All);

    /// <summary>The same, drawing only from <paramref name="kinds"/>.</summary>
    public static IReadOnlyList<Mutant> Generate(IReadOnlyList<(string File, string Text)> files, int seed, int singlesPerKind, int combinations,
        IReadOnlyList<Kind> kinds)
    {
        var random = new Random(seed);
        var mutants = new List<Mutant>();
        foreach (var (file, original) in files)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { original };
            void Add(string description, string text)
            {
                if (seen.Add(text)) mutants.Add(new Mutant(file, original, description, text));
            }

            foreach (var kind in kinds)
                for (var i = 0; i < singlesPerKind; i++)
                    if (kind.Apply(original, random) is { } edit)
                        Add($"{kind.Name}: {edit.Description}", edit.Text);

            for (var i = 0; i < combinations; i++)
            {
                var text = original;
                var steps = new List<string>();
                var count = random.Next(2, 5);
                for (var j = 0; j < count; j++)
                {
                    var kind = kinds[random.Next(kinds.Count)];
                    if (kind.Apply(text, random) is not { } edit) continue;
                    text = edit.Text;
                    steps.Add($"{kind.Name}: {edit.Description}");
                }
                Add(string.Join(" → ", steps), text);
            }
        }
        return mutants;
    }

    private static SyntaxNode Root(string text) => CSharpSyntaxTree.ParseText(text, Options).GetRoot();

    /// <summary>The tokens that have text: not the end-of-file token, nor tokens the parser made up for missing ones.</summary>
    private static List<SyntaxToken> Tokens(string text) =>
        Root(text).DescendantTokens().Where(t => t.Span.Length > 0).ToList();

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    private static string Splice(string text, int start, int end, string replacement) =>
        string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));

    private static string Show(string text) => text.Length <= 40 ? text.Replace("\n", "\\n") : text[..40].Replace("\n", "\\n") + "…";

    private static Edit? DeleteToken(string text, Random random)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0) return null;
        var token = Pick(tokens, random);
        return new($"`{token.Text}` at {token.SpanStart}", Splice(text, token.SpanStart, token.Span.End, ""));
    }

    private static Edit? DeleteRange(string text, Random random)
    {
        if (text.Length < 2) return null;
        var start = random.Next(text.Length - 1);
        var end = Math.Min(text.Length, start + 1 + random.Next(60));
        return new($"[{start}, {end}) `{Show(text[start..end])}`", Splice(text, start, end, ""));
    }

    private static Edit? DuplicateToken(string text, Random random)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0) return null;
        var token = Pick(tokens, random);
        return new($"`{token.Text}` at {token.SpanStart}", Splice(text, token.Span.End, token.Span.End, " " + token.Text));
    }

    private static Edit? SwapAdjacentTokens(string text, Random random)
    {
        var tokens = Tokens(text);
        if (tokens.Count < 2) return null;
        var i = random.Next(tokens.Count - 1);
        SyntaxToken first = tokens[i], second = tokens[i + 1];
        var between = text[first.Span.End..second.SpanStart];
        return new($"`{first.Text}` ⇄ `{second.Text}` at {first.SpanStart}",
            Splice(text, first.SpanStart, second.Span.End, second.Text + between + first.Text));
    }

    private static readonly string[] NumericReplacements =
    [
        "\"ten\"", "null", "-1", "0", "1e308", "double.NaN", "-1e308", "double.PositiveInfinity", "double.Epsilon", "int.MaxValue",
        "int.MinValue", "1 / 0", "1.5", "true", "'c'", "1e-320", "0x7FFFFFFF", "(byte)1", "default", "DpoLoss.Hinge", "(DpoLoss)7",
        "double.NegativeInfinity", "1 / 0.0", "(GymTask)99", "Steps", "-0.0", "1000",
    ];

    private static Edit? ReplaceNumericLiteral(string text, Random random)
    {
        var literals = Tokens(text).Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)).ToList();
        if (literals.Count == 0) return null;
        var literal = Pick(literals, random);
        var replacement = Pick(NumericReplacements, random);
        return new($"`{literal.Text}` → `{replacement}` at {literal.SpanStart}", Splice(text, literal.SpanStart, literal.Span.End, replacement));
    }

    private static readonly string[] StringReplacements =
    [
        "\"\"", "null", "\" \"", "\"gym-sft\"", "\"gym-rm\"", "\"gym-dpo\"", "\"a\\\"b\"", "\"line\\nbreak\"", "\"ü/\\\\:*?<>|\"", "\"\\0\"", "\"../../x\"",
        "$\"x{1}\"", "@\"multi\nline\"", "\"\"\"raw\"\"\"", "1", "nameof(GymSft)", "\"" + new string('x', 300) + "\"",
    ];

    private static Edit? ReplaceStringLiteral(string text, Random random)
    {
        var literals = Tokens(text).Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).ToList();
        if (literals.Count == 0) return null;
        var literal = Pick(literals, random);
        var replacement = Pick(StringReplacements, random);
        return new($"`{literal.Text}` → `{Show(replacement)}` at {literal.SpanStart}", Splice(text, literal.SpanStart, literal.Span.End, replacement));
    }

    private static Edit? ReplaceTypeOf(string text, Random random)
    {
        var root = Root(text);
        var typeOfs = root.DescendantNodes().OfType<TypeOfExpressionSyntax>().ToList();
        if (typeOfs.Count == 0) return null;
        var typeOf = Pick(typeOfs, random);
        var self = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? "Self";
        string[] replacements =
        [
            "typeof(int)", "typeof(DoesNotExist)", "typeof(System.Collections.Generic.List<>)", "null", $"typeof({self})",
            "typeof(string[])", "typeof(int*)", "typeof(void)", "typeof(dynamic)", "typeof(AlignDsl.Evaluation.IEvalSuite)",
            "typeof(GymSft)", "typeof(GymRewardModel)", "typeof(GymDpo)", "typeof(System.Nullable<int>)", "typeof(ExperimentAttribute)", "default",
        ];
        var replacement = Pick(replacements, random);
        return new($"`{typeOf}` → `{replacement}` at {typeOf.SpanStart}", Splice(text, typeOf.SpanStart, typeOf.Span.End, replacement));
    }

    private static Edit? RemoveCloser(string text, Random random)
    {
        var closers = Tokens(text)
            .Where(t => t.IsKind(SyntaxKind.CloseParenToken) || t.IsKind(SyntaxKind.CloseBracketToken) || t.IsKind(SyntaxKind.CloseBraceToken)
                || t.IsKind(SyntaxKind.GreaterThanToken))
            .ToList();
        if (closers.Count == 0) return null;
        var closer = Pick(closers, random);
        return new($"`{closer.Text}` at {closer.SpanStart}", Splice(text, closer.SpanStart, closer.Span.End, ""));
    }

    private static Edit? Truncate(string text, Random random)
    {
        if (text.Length == 0) return null;
        var at = random.Next(text.Length);
        return new($"at {at} of {text.Length}", text[..at]);
    }

    private static readonly string[] Directives =
    [
        "#if X\n", "#if !X\n", "#if true\n", "#else\n", "#endif\n", "#elif Y\n", "#region open\n", "#endregion\n", "#nullable disable\n",
        "#pragma warning disable\n", "#line 1 \"Other.cs\"\n", "#line hidden\n", "#define X\n", "#error typed halfway\n", "#if\n",
    ];

    private static Edit? InsertDirective(string text, Random random)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') lineStarts.Add(i + 1);
        var at = Pick(lineStarts, random);
        var directive = Pick(Directives, random);
        return new($"`{directive.TrimEnd()}` at {at}", Splice(text, at, at, directive));
    }

    private static Edit? MisspellAttribute(string text, Random random)
    {
        var names = Root(text).DescendantNodes().OfType<AttributeSyntax>().Select(a => a.Name).Where(n => n.Span.Length > 0).ToList();
        if (names.Count == 0) return null;
        var name = Pick(names, random);
        var written = name.ToString();
        var i = random.Next(written.Length);
        var misspelt = random.Next(9) switch
        {
            0 => written.Remove(i, 1),
            1 => written.Insert(i, written[i].ToString()),
            2 when written.Length > 1 => i + 1 < written.Length
                ? string.Concat(written.AsSpan(0, i), written[i + 1].ToString(), written[i].ToString(), written.AsSpan(i + 2))
                : written[..^1],
            3 => written.ToLowerInvariant(),
            4 => written + "Attribute",
            5 => "AlignDsl." + written,
            6 => "global::AlignDsl." + written + "Attribute",
            7 => "Other." + written,
            _ => written + "Attr",
        };
        return new($"`{written}` → `{misspelt}` at {name.SpanStart}", Splice(text, name.SpanStart, name.Span.End, misspelt));
    }

    private static readonly string[] ExtraAttributes =
    [
        "[Budget(GpuMemoryGiB = 0.0001)]", "[Budget(GpuMemoryGiB = -1)]", "[Budget(GpuMemoryGiB = double.NaN)]", "[Budget]", "[Reference]",
        "[Reference, Reference]", "[JsonlData(\"p.jsonl\", Shape = JsonlShape.Feedback)]", "[JsonlData(\"p.jsonl\", Shape = (JsonlShape)9)]",
        "[JsonlData(null, HeldOut = \"\")]", "[Experiment(\"other\")]", "[Sft]", "[Kto(DesirableWeight = 0)]", "[Dpo(Loss = (DpoLoss)5)]",
        "[Dpo(Loss = DpoLoss.Hinge, LabelSmoothing = 0.5)]", "[SimPo(Gamma = -1)]", "[Policy(Heads = 0, ModelDim = 7)]",
        "[Training(MaxLength = 100000)]", "[EvalSuite(typeof(RedTeam))]", "[EvalSuite(typeof(PreferenceAccuracy<>))]",
        "[assembly: Budget(GpuMemoryGiB = 0.001)]", "[System.Obsolete]", "[Experiment(\"a\"), Experiment(\"b\")]",
        "[GymData((GymTask)99)]", "[Training(WarmupSteps = 1000)]", "[Training(WeightDecay = double.NaN, MaxGradNorm = -1)]",
        "[Budget(GpuMemoryGiB = double.PositiveInfinity)]", "[JsonlData(\"/abs.jsonl\")]", "[JsonlData(\"a.jsonl\", HeldOut = \"./a.jsonl\")]",
        "[EvalSuite(typeof(RedTeam[]))]", "[EvalSuite(null)]", "[Policy(InitFrom = null)]", "[Ppo(MaxNewTokens = 1000)]", "[Experiment(\"GYM-SFT\")]",
    ];

    /// <summary>An attribute more, on the line before the class (where an assembly attribute is out of place too).</summary>
    private static Edit? AddAttribute(string text, Random random)
    {
        var type = Root(text).DescendantNodes().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        var at = type is null ? 0 : type.Modifiers.Count > 0 ? type.Modifiers[0].SpanStart : type.Keyword.SpanStart;
        var attribute = Pick(ExtraAttributes, random);
        return new($"`{attribute}` at {at}", Splice(text, at, at, attribute + "\n"));
    }

    private static readonly string[] ExtraMembers =
    [
        "const int Steps = 10;", "private static int Seed => 1;", "const double Beta = 0.1;", "public static object? Descriptor;", "static int BatchSize;",
        "class PolicySize { }", "static void TrainStep() { }", "const int LearningRate = 1;", "static int EvaluateAsync;", "static int RunAsync;",
        "const int TrainingSteps = 7;", "void Configure(ExperimentBuilder x) => x.Objective(o => o.Sft());",
        "static void Configure(ExperimentBuilder x) => x.Training(t => t.Steps(3));", "public int Constitution { get; }", "int Other;",
    ];

    /// <summary>A member more in the class: many are named like members the generated part declares.</summary>
    private static Edit? AddMember(string text, Random random)
    {
        if (Root(text).DescendantNodes().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } type) return null;
        var member = Pick(ExtraMembers, random);
        if (type.OpenBraceToken.Span.Length > 0)
            return new($"`{member}` in the body", Splice(text, type.OpenBraceToken.Span.End, type.OpenBraceToken.Span.End, "\n    " + member));
        if (type.SemicolonToken.Span.Length == 0) return null;
        return new($"`{member}` in a new body", Splice(text, type.SemicolonToken.SpanStart, type.SemicolonToken.Span.End, "\n{\n    " + member + "\n}"));
    }

    private static Edit? ReshapeClass(string text, Random random)
    {
        var type = Root(text).DescendantNodes().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (type is null) return null;
        var declaration = text[type.SpanStart..type.Span.End];
        var keyword = type.Keyword;
        // Modifiers go first, where `static public partial class` is legal; after `partial` none is.
        var modifiers = type.Modifiers.Count > 0 ? type.Modifiers[0].SpanStart : keyword.SpanStart;
        var identifierEnd = type.Identifier.Span.End;
        var (description, result) = random.Next(17) switch
        {
            0 => ("nested in a static class", Splice(text, type.SpanStart, type.Span.End, "public static partial class Outer\n{\n" + declaration + "\n}")),
            1 => ("nested in a generic class", Splice(text, type.SpanStart, type.Span.End, "public partial class Outer<T>\n{\n" + declaration + "\n}")),
            2 => ("nested twice", Splice(text, type.SpanStart, type.Span.End, "partial class A { partial struct B {\n" + declaration + "\n} }")),
            3 => ("generic", Splice(text, identifierEnd, identifierEnd, "<T>")),
            4 => ("generic with a constraint", Splice(text, identifierEnd, identifierEnd, "<T> where T : class")),
            5 => ("static", Splice(text, modifiers, modifiers, "static ")),
            6 => ("abstract", Splice(text, modifiers, modifiers, "abstract ")),
            7 => ("record", Splice(text, keyword.SpanStart, keyword.Span.End, "record")),
            8 => ("struct", Splice(text, keyword.SpanStart, keyword.Span.End, "struct")),
            9 => ("record struct", Splice(text, keyword.SpanStart, keyword.Span.End, "record struct")),
            10 => ("interface", Splice(text, keyword.SpanStart, keyword.Span.End, "interface")),
            11 => ("not partial", type.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.PartialKeyword)) is { Span.Length: > 0 } partial
                ? Splice(text, partial.SpanStart, partial.Span.End, "") : text),
            12 => ("file-local", Splice(text, modifiers, modifiers, "file ")),
            13 => ("with a body and a base", Splice(text, identifierEnd, type.Span.End, " : System.Attribute { public int Beta => 1; }")),
            14 => ("declared twice", text + "\n" + declaration + "\n"),
            15 => ("second part without attributes", text + "\npublic partial class " + type.Identifier.Text + " { }\n"),
            _ => ("with primary constructor", Splice(text, identifierEnd, identifierEnd, "(int x)")),
        };
        return new(description, result);
    }

    private static Edit? ReshapeNamespace(string text, Random random)
    {
        var root = Root(text);
        if (root.DescendantNodes().OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault() is not { } ns) return null;
        var header = ns.Name.Span;
        var (description, result) = random.Next(5) switch
        {
            0 => ("global namespace", Splice(text, ns.SpanStart, ns.SemicolonToken.Span.End, "")),
            1 => ("block namespace", Splice(text, ns.SpanStart, ns.SemicolonToken.Span.End, "namespace " + ns.Name + " {") + "\n}\n"),
            2 => ("dotted namespace", Splice(text, header.Start, header.End, "Deep.Er.Quick_Start")),
            3 => ("namespace named like a type", Splice(text, header.Start, header.End, "AlignDsl")),
            _ => ("two file-scoped namespaces", Splice(text, ns.SemicolonToken.Span.End, ns.SemicolonToken.Span.End, "\nnamespace Second;")),
        };
        return new(description, result);
    }
}
