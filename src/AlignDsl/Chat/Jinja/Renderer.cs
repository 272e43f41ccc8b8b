using System.Text;

namespace AlignDsl.Chat.Jinja;

/// <summary>
/// Walks a parsed template and writes its output. Scoping follows Jinja: a for loop's body has its own variables
/// (so a value set inside it does not leak out; templates carry values out through a <c>namespace</c>), an if's
/// body does not.
/// </summary>
internal sealed class Renderer
{
    private enum Flow { Normal, Break, Continue }

    private readonly string _source;
    private readonly List<Dictionary<string, object?>> _scopes;
    private readonly StringBuilder _output = new();

    private Renderer(string source, Dictionary<string, object?> variables)
    {
        _source = source;
        _scopes = [Builtins.Globals(), variables];
    }

    public static string Render(string source, IReadOnlyList<Node> nodes, IReadOnlyDictionary<string, object?> variables)
    {
        var renderer = new Renderer(source, variables.ToDictionary(p => p.Key, p => Values.From(p.Value)));
        renderer.Run(nodes);
        return renderer._output.ToString();
    }

    private Flow Run(IReadOnlyList<Node> nodes)
    {
        foreach (var node in nodes)
        {
            var flow = Execute(node);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    private Flow Execute(Node node)
    {
        switch (node)
        {
            case TextNode text:
                _output.Append(text.Text);
                return Flow.Normal;
            case OutputNode output:
                _output.Append(Values.ToText(Evaluate(output.Value)));
                return Flow.Normal;
            case IfNode conditional:
                foreach (var (condition, body) in conditional.Branches)
                    if (Values.IsTrue(Evaluate(condition))) return Run(body);
                return Run(conditional.Else);
            case ForNode loop:
                return For(loop);
            case SetNode set:
                Set(set);
                return Flow.Normal;
            case LoopControlNode control:
                return control.IsBreak ? Flow.Break : Flow.Continue;
            case GenerationNode generation:
                return Run(generation.Body);
            default:
                throw Error($"cannot render {node.GetType().Name}", node.Offset);
        }
    }

    private Flow For(ForNode loop)
    {
        var items = Values.Iterate(Evaluate(loop.Iterable), p => Error(p, loop.Iterable.Offset));
        if (loop.Filter is not null)
            items = items.Where(item => WithScope(Bind(loop, item, null), () => Values.IsTrue(Evaluate(loop.Filter)))).ToList();
        if (items.Count == 0) return Run(loop.Else);
        for (var i = 0; i < items.Count; i++)
        {
            var info = new Dictionary<string, object?>
            {
                ["index"] = (long)i + 1, ["index0"] = (long)i, ["revindex"] = (long)(items.Count - i), ["revindex0"] = (long)(items.Count - i - 1),
                ["first"] = i == 0, ["last"] = i == items.Count - 1, ["length"] = (long)items.Count,
                ["previtem"] = i > 0 ? items[i - 1] : new Undefined("loop.previtem"),
                ["nextitem"] = i + 1 < items.Count ? items[i + 1] : new Undefined("loop.nextitem"),
                ["cycle"] = (Callable)((args, _) => args.Count == 0 ? new Undefined("loop.cycle") : args[i % args.Count]),
            };
            var flow = WithScope(Bind(loop, items[i], info), () => Run(loop.Body));
            if (flow == Flow.Break) break;
        }
        return Flow.Normal;
    }

    private Dictionary<string, object?> Bind(ForNode loop, object? item, Dictionary<string, object?>? info)
    {
        var scope = new Dictionary<string, object?>();
        if (info is not null) scope["loop"] = info;
        if (loop.Targets.Count == 1) scope[loop.Targets[0]] = item;
        else Unpack(loop.Targets, item, scope, loop.Offset);
        return scope;
    }

    private void Set(SetNode set)
    {
        object? value;
        if (set.Body is not null)
        {
            var mark = _output.Length;
            Run(set.Body);
            value = _output.ToString(mark, _output.Length - mark);
            _output.Length = mark;
        }
        else value = Evaluate(set.Value!);

        if (set.Attribute is not null)
        {
            if (Lookup(set.Targets[0]) is not Namespace ns) throw Error($"'{set.Targets[0]}.{set.Attribute}' can only be set on a namespace()", set.Offset);
            ns.Values[set.Attribute] = value;
        }
        else if (set.Targets.Count == 1) _scopes[^1][set.Targets[0]] = value;
        else Unpack(set.Targets, value, _scopes[^1], set.Offset);
    }

    private void Unpack(IReadOnlyList<string> targets, object? value, Dictionary<string, object?> scope, int offset)
    {
        if (value is not List<object?> parts || parts.Count != targets.Count)
            throw Error($"cannot unpack {Values.TypeName(value)} into {targets.Count} names", offset);
        for (var i = 0; i < targets.Count; i++) scope[targets[i]] = parts[i];
    }

    private T WithScope<T>(Dictionary<string, object?> scope, Func<T> body)
    {
        _scopes.Add(scope);
        try { return body(); }
        finally { _scopes.RemoveAt(_scopes.Count - 1); }
    }

    private object? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
            if (_scopes[i].TryGetValue(name, out var value)) return value;
        return new Undefined(name);
    }

    private object? Evaluate(Expr expr) => expr switch
    {
        Literal literal => literal.Value,
        Name name => Lookup(name.Identifier),
        ListExpr list => list.Items.Select(Evaluate).ToList(),
        DictExpr dict => dict.Items.ToDictionary(p => Values.ToText(Evaluate(p.Key)), p => Evaluate(p.Value)),
        Attribute attribute => Access.Attribute(Evaluate(attribute.Target), attribute.Name, p => Error(p, attribute.Offset)),
        Index index => Access.Item(Evaluate(index.Target), Evaluate(index.Key), p => Error(p, index.Offset)),
        Slice slice => Access.Slice(Evaluate(slice.Target), Optional(slice.Start), Optional(slice.Stop), Optional(slice.Step), p => Error(p, slice.Offset)),
        Call call => Invoke(call),
        Filter filter => Filters.Apply(filter.Name, Evaluate(filter.Value), filter.Arguments.Select(Evaluate).ToList(),
            filter.Named.ToDictionary(n => n.Name, n => Evaluate(n.Value)), p => Error(p, filter.Offset)),
        Test test => Tests.Apply(test.Name, Evaluate(test.Value), test.Arguments.Select(Evaluate).ToList(), p => Error(p, test.Offset)) != test.Negated,
        Unary unary => Operators.Unary(unary.Operator, Evaluate(unary.Operand), p => Error(p, unary.Offset)),
        Binary { Operator: "and" } and => Values.IsTrue(Evaluate(and.Left)) ? Evaluate(and.Right) : Evaluate(and.Left),
        Binary { Operator: "or" } or => Values.IsTrue(Evaluate(or.Left)) ? Evaluate(or.Left) : Evaluate(or.Right),
        Binary binary => Operators.Binary(binary.Operator, Evaluate(binary.Left), Evaluate(binary.Right), p => Error(p, binary.Offset)),
        Conditional conditional => Values.IsTrue(Evaluate(conditional.Condition))
            ? Evaluate(conditional.Then)
            : conditional.Else is null ? new Undefined("else") : Evaluate(conditional.Else),
        _ => throw Error($"cannot evaluate {expr.GetType().Name}", expr.Offset),
    };

    private object? Optional(Expr? expr) => expr is null ? null : Evaluate(expr);

    private object? Invoke(Call call)
    {
        var callee = Evaluate(call.Callee);
        if (callee is not Callable function)
            throw Error(callee is Undefined u ? $"'{u.Name}' is not a function this template interpreter knows" : $"{Values.TypeName(callee)} is not callable", call.Offset);
        var arguments = call.Arguments.Select(Evaluate).ToList();
        var named = call.Named.ToDictionary(n => n.Name, n => Evaluate(n.Value));
        try { return function(arguments, named); }
        catch (TemplateRaisedException) { throw; }
        catch (TemplateException) { throw; }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException or FormatException)
        {
            throw Error(e.Message, call.Offset);
        }
    }

    private TemplateException Error(string problem, int offset) => new(problem, SourcePosition.At(_source, offset));
}
