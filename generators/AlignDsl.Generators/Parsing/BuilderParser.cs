using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// Reads the fluent form, <c>static void Configure(ExperimentBuilder x) =&gt; x.Policy(...).Objective(...)...</c>, into the
/// same sections the attributes declare (keyed by the attribute's metadata name), so one parsing and checking path
/// serves both. Only a plain chain of the builders' own methods with constant arguments is read; anything else is
/// ALIGN027 or ALIGN028. Never throws on malformed code.
/// </summary>
internal static class BuilderParser
{
    private sealed record Section(string BuilderType, string Label, string[] Kinds);

    private static readonly Dictionary<string, Section> Sections = new(StringComparer.Ordinal)
    {
        ["Policy"] = new(KnownTypes.PolicyBuilder, "policy", [KnownTypes.Policy]),
        ["Lora"] = new(KnownTypes.LoraBuilder, "LoRA adapters", [KnownTypes.Lora]),
        ["Objective"] = new(KnownTypes.ObjectiveBuilder, "objective", KnownTypes.Objectives),
        ["Data"] = new(KnownTypes.DataBuilder, "data", [KnownTypes.GymData, KnownTypes.JsonlData, KnownTypes.FromConstitution]),
        ["Training"] = new(KnownTypes.TrainingBuilder, "training settings", [KnownTypes.Training]),
        ["Evaluate"] = new(KnownTypes.EvaluationBuilder, "evaluation suites", [KnownTypes.EvalSuite]),
        ["Constitution"] = new(KnownTypes.ConstitutionBuilder, "principles", [KnownTypes.Principle]),
        ["Reward"] = new(KnownTypes.RewardBuilder, "reward", [KnownTypes.RewardFrom, KnownTypes.RewardFunction]),
        ["Sweep"] = new(KnownTypes.ExperimentBuilder, "sweep", [KnownTypes.Sweep]),
    };

    /// <summary>
    /// The sections declared by the class's <c>Configure</c> method, if it has one; a section the attributes already
    /// declare is reported (ALIGN029) and left out.
    /// </summary>
    public static List<(string Name, ISettingReader Reader)> Read(INamedTypeSymbol type, SemanticModel model, IReadOnlyCollection<string> attributeNames,
        string experiment, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var result = new List<(string Name, ISettingReader Reader)>();
        var candidates = type.GetMembers("Configure").OfType<IMethodSymbol>()
            .Where(m => m.Parameters.Length == 1 && m.Parameters[0].Type.ToDisplayString() == KnownTypes.ExperimentBuilder).ToList();
        var configure = candidates.FirstOrDefault(m => m.IsStatic) ?? candidates.FirstOrDefault();
        if (configure is null) return result;
        // An instance Configure was once ignored, so the class seemed to declare nothing: say what is wrong, and read it anyway.
        if (!configure.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ConfigureNotStatic, LocationInfo.From(configure.Locations.FirstOrDefault()), experiment));
        var declaration = configure.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        if (declaration is null) return result;
        if (declaration.SyntaxTree != model.SyntaxTree)
        {
            NotUnderstood(declaration.Identifier.GetLocation(), "declare Configure in the file that declares [Experiment]", diagnostics);
            return result;
        }
        if (declaration.ExpressionBody is not { Expression: { } body })
        {
            NotUnderstood(declaration.Identifier.GetLocation(), "a block body is not read, write '=> x.…'", diagnostics);
            return result;
        }
        if (Chain(body, configure.Parameters[0], model, diagnostics, cancellationToken) is not { } calls) return result;

        BuilderReader? policy = null, training = null;
        foreach (var (call, method, at) in calls)
        {
            if (!Sections.TryGetValue(method.Name, out var section) || method.ContainingType?.ToDisplayString() != KnownTypes.ExperimentBuilder)
            {
                NotUnderstood(at, $"'{method.Name}' is not a section of ExperimentBuilder", diagnostics);
                continue;
            }
            if (attributeNames.FirstOrDefault(section.Kinds.Contains) is { } attribute)
            {
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.SettingDeclaredTwice, LocationInfo.From(at), experiment, section.Label,
                    "[" + ShortName(attribute) + "]", method.Name + "(...)"));
                continue;
            }
            // The sweep takes its values directly, not a lambda; SweepParser reads them as it reads the attribute's.
            if (method.Name == "Sweep")
            {
                result.Add((KnownTypes.Sweep, new SweepCall(call.ArgumentList.Arguments.Select(a => a.Expression).ToList(), LocationInfo.From(at))));
                continue;
            }
            if (Lambda(call, model, diagnostics, cancellationToken) is not { } lambda) continue;
            if (Chain(lambda.Body, lambda.Parameter, model, diagnostics, cancellationToken) is not { } inner) continue;
            foreach (var (innerCall, innerMethod, innerAt) in inner)
            {
                if (innerMethod.ContainingType?.ToDisplayString() != section.BuilderType)
                {
                    NotUnderstood(innerAt, $"'{innerMethod.Name}' is not a method of {section.BuilderType.Substring("AlignDsl.".Length)}", diagnostics);
                    continue;
                }
                var location = LocationInfo.From(innerAt);
                switch (method.Name)
                {
                    case "Policy":
                        policy ??= Add(result, KnownTypes.Policy, LocationInfo.From(at));
                        if (innerMethod.Name == "InitFrom") SetTypeArgument(policy, "InitFrom", innerCall, innerMethod);
                        else if (innerMethod.Name is "Pretrained" or "ChatTemplate")
                            ReadArguments(policy, innerCall, model, parameterNames: false, diagnostics, cancellationToken, innerMethod.Name);
                        else ReadArguments(policy, innerCall, model, parameterNames: true, diagnostics, cancellationToken);
                        break;
                    case "Lora":
                        ReadArguments(Add(result, KnownTypes.Lora, location), innerCall, model, parameterNames: true, diagnostics, cancellationToken);
                        break;
                    case "Objective":
                        ReadArguments(Add(result, "AlignDsl." + innerMethod.Name + "Attribute", location), innerCall, model, parameterNames: true, diagnostics, cancellationToken);
                        break;
                    case "Data":
                        var kind = innerMethod.Name switch { "Gym" => KnownTypes.GymData, "FromConstitution" => KnownTypes.FromConstitution, _ => KnownTypes.JsonlData };
                        ReadArguments(Add(result, kind, location), innerCall, model, parameterNames: true, diagnostics, cancellationToken);
                        break;
                    case "Training":
                        training ??= Add(result, KnownTypes.Training, LocationInfo.From(at));
                        ReadArguments(training, innerCall, model, parameterNames: false, diagnostics, cancellationToken, innerMethod.Name);
                        break;
                    case "Reward":
                        var reward = Add(result, innerMethod.Name == "From" ? KnownTypes.RewardFrom : KnownTypes.RewardFunction, location);
                        SetTypeArgument(reward, innerMethod.Name == "From" ? "Experiment" : "Function", innerCall, innerMethod);
                        ReadArguments(reward, innerCall, model, parameterNames: true, diagnostics, cancellationToken);
                        break;
                    case "Constitution":
                        ReadArguments(Add(result, KnownTypes.Principle, location), innerCall, model, parameterNames: true, diagnostics, cancellationToken);
                        break;
                    case "Evaluate":
                        var suite = Add(result, KnownTypes.EvalSuite, location);
                        if (innerMethod.Name == "Suite") SetTypeArgument(suite, "Suite", innerCall, innerMethod);
                        else if (model.Compilation.GetTypeByMetadataName("AlignDsl.Evaluation." + innerMethod.Name) is { } named)
                            suite.Set("Suite", new SettingValue(named, null), location);
                        break;
                }
            }
        }
        return result;
    }

    private static BuilderReader Add(List<(string Name, ISettingReader Reader)> result, string kind, LocationInfo? location)
    {
        var reader = new BuilderReader(location);
        result.Add((kind, reader));
        return reader;
    }

    /// <summary><c>InitFrom&lt;T&gt;()</c>, <c>Suite&lt;T&gt;()</c>: the type argument, located at where it was written.</summary>
    private static void SetTypeArgument(BuilderReader reader, string setting, InvocationExpressionSyntax call, IMethodSymbol method)
    {
        if (method.TypeArguments.Length != 1 || method.TypeArguments[0] is not INamedTypeSymbol { TypeKind: not TypeKind.Error } type) return;
        var written = (call.Expression as MemberAccessExpressionSyntax)?.Name is GenericNameSyntax { TypeArgumentList.Arguments: [var argument] } ? argument : null;
        reader.Set(setting, new SettingValue(type, null), LocationInfo.From((SyntaxNode?)written ?? call));
    }

    /// <summary>
    /// Each written argument, positional or named, mapped to its parameter: the parameter's name capitalised
    /// (<c>labelSmoothing</c> → LabelSmoothing), or <paramref name="setting"/> for a one-value training call.
    /// </summary>
    private static void ReadArguments(BuilderReader reader, InvocationExpressionSyntax call, SemanticModel model, bool parameterNames,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, string? setting = null)
    {
        if (model.GetOperation(call, cancellationToken) is not IInvocationOperation operation) return;
        foreach (var argument in operation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter) continue;
            var written = argument.Syntax is ArgumentSyntax syntax ? syntax.Expression : argument.Syntax;
            var name = parameterNames || setting is null ? AttributeReader.SettingName(parameter.Name) : setting;
            if (!argument.Value.ConstantValue.HasValue)
            {
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.BuilderArgumentNotConstant, LocationInfo.From(written), call.Expression is MemberAccessExpressionSyntax m ? m.Name.Identifier.ValueText : name));
                continue;
            }
            var type = argument.Value is IConversionOperation { Operand.Type: { TypeKind: TypeKind.Enum } enumType } ? enumType : argument.Value.Type;
            reader.Set(name, new SettingValue(argument.Value.ConstantValue.Value, type), LocationInfo.From(written));
        }
    }

    /// <summary>The one argument of a section call, a lambda with one parameter and an expression body.</summary>
    private static (ExpressionSyntax Body, IParameterSymbol Parameter)? Lambda(InvocationExpressionSyntax call, SemanticModel model,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var argument = call.ArgumentList.Arguments.Count == 1 ? call.ArgumentList.Arguments[0].Expression : null;
        var (parameter, body) = argument switch
        {
            SimpleLambdaExpressionSyntax simple => (simple.Parameter, simple.Body),
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: [var only] } parenthesized => (only, parenthesized.Body),
            _ => ((ParameterSyntax?)null, (CSharpSyntaxNode?)null),
        };
        if (parameter is null || body is null)
        {
            NotUnderstood(((SyntaxNode?)argument ?? call).GetLocation(), "pass each section one lambda such as o => o.Dpo()", diagnostics);
            return null;
        }
        if (body is not ExpressionSyntax expression)
        {
            NotUnderstood(body.GetLocation(), "a lambda with a block body is not read, write 'o => o.…'", diagnostics);
            return null;
        }
        if (model.GetDeclaredSymbol(parameter, cancellationToken) is not { } symbol) return null;
        return (expression, symbol);
    }

    /// <summary>
    /// A chain <c>root.A(...).B(...)</c>, first call first, each with its method and its location (from the method's
    /// name to the closing parenthesis); null, reported, when the expression is anything else.
    /// </summary>
    private static List<(InvocationExpressionSyntax Call, IMethodSymbol Method, Location At)>? Chain(ExpressionSyntax expression, IParameterSymbol root,
        SemanticModel model, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var calls = new List<(InvocationExpressionSyntax, IMethodSymbol, Location)>();
        var current = expression;
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call && access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
        {
            var at = Location.Create(call.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, call.Span.End));
            var info = model.GetSymbolInfo(call, cancellationToken);
            if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not IMethodSymbol method)
            {
                NotUnderstood(at, $"'{access.Name.Identifier.ValueText}' is not a builder method", diagnostics);
                return null;
            }
            calls.Add((call, method, at));
            current = access.Expression;
        }
        if (current is not IdentifierNameSyntax identifier
            || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, root))
        {
            NotUnderstood(current.GetLocation(), $"only calls on '{root.Name}' are read", diagnostics);
            return null;
        }
        calls.Reverse();
        return calls;
    }

    private static void NotUnderstood(Location location, string why, List<DiagnosticInfo> diagnostics) =>
        diagnostics.Add(DiagnosticInfo.Create(RuleBook.BuilderCallNotUnderstood, LocationInfo.From(location), why));

    private static string ShortName(string attributeName)
    {
        var last = attributeName.Substring(attributeName.LastIndexOf('.') + 1);
        return last.EndsWith("Attribute", StringComparison.Ordinal) ? last.Substring(0, last.Length - "Attribute".Length) : last;
    }
}
