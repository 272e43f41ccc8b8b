namespace AlignDsl.Chat.Jinja;

/// <summary>
/// Parses the subset of Jinja that chat templates use: <c>if/elif/else</c>, <c>for … in … [if …]</c> with
/// <c>else</c>, <c>set</c> (plain, namespace attribute, block), <c>break</c>/<c>continue</c>, <c>generation</c>,
/// and Jinja's expression grammar with its precedence. Anything else (macro, call, include, …) fails here, naming
/// the construct and its position.
/// </summary>
internal sealed class Parser
{
    private readonly string _source;
    private readonly List<Segment> _segments;
    private int _segment;

    private Parser(string source)
    {
        _source = source;
        _segments = Splitter.Split(source);
    }

    public static IReadOnlyList<Node> Parse(string source)
    {
        var parser = new Parser(source);
        var (nodes, end) = parser.Block();
        if (end is not null) throw parser.Error($"unexpected '{end.Value.Keyword}' with no block open", end.Value.Offset);
        return nodes;
    }

    /// <summary>Nodes up to the next statement that does not open a block (an end, else or elif), returned with it.</summary>
    private (List<Node> Nodes, (string Keyword, ExpressionParser Tail, int Offset)? End) Block()
    {
        var nodes = new List<Node>();
        while (_segment < _segments.Count)
        {
            var segment = _segments[_segment++];
            switch (segment.Kind)
            {
                case SegmentKind.Text:
                    nodes.Add(new TextNode(segment.Content, segment.Offset));
                    break;
                case SegmentKind.Expression:
                    var expression = new ExpressionParser(_source, Lexer.Tokenize(_source, segment));
                    nodes.Add(new OutputNode(expression.ParseExpression(), segment.Offset));
                    expression.ExpectEnd();
                    break;
                default:
                    var statement = new ExpressionParser(_source, Lexer.Tokenize(_source, segment));
                    var keyword = statement.ExpectName();
                    if (keyword.Text is "endif" or "endfor" or "else" or "elif" or "endset" or "endgeneration")
                        return (nodes, (keyword.Text, statement, keyword.Offset));
                    nodes.Add(Statement(keyword, statement));
                    break;
            }
        }
        return (nodes, null);
    }

    private Node Statement(Token keyword, ExpressionParser p)
    {
        switch (keyword.Text)
        {
            case "if": return If(keyword, p);
            case "for": return For(keyword, p);
            case "set": return Set(keyword, p);
            case "break" or "continue":
                p.ExpectEnd();
                return new LoopControlNode(keyword.Text == "break", keyword.Offset);
            case "generation":
                p.ExpectEnd();
                var (body, end) = Block();
                Expect(end, keyword, "endgeneration");
                return new GenerationNode(body, keyword.Offset);
            default:
                throw Error($"unsupported statement '{{% {keyword.Text} %}}' (supported: if, for, set, break, continue, generation)", keyword.Offset);
        }
    }

    private IfNode If(Token keyword, ExpressionParser p)
    {
        var branches = new List<(Expr, IReadOnlyList<Node>)>();
        var condition = p.ParseExpression();
        p.ExpectEnd();
        while (true)
        {
            var (body, end) = Block();
            branches.Add((condition, body));
            switch (end?.Keyword)
            {
                case "elif":
                    condition = end.Value.Tail.ParseExpression();
                    end.Value.Tail.ExpectEnd();
                    continue;
                case "else":
                    end.Value.Tail.ExpectEnd();
                    var (elseBody, elseEnd) = Block();
                    Expect(elseEnd, keyword, "endif");
                    return new IfNode(branches, elseBody, keyword.Offset);
                default:
                    Expect(end, keyword, "endif");
                    return new IfNode(branches, [], keyword.Offset);
            }
        }
    }

    private ForNode For(Token keyword, ExpressionParser p)
    {
        var targets = new List<string> { p.ExpectName().Text };
        while (p.Accept(",")) targets.Add(p.ExpectName().Text);
        p.ExpectKeyword("in");
        var iterable = p.ParseExpression(allowConditional: false);
        var filter = p.AcceptKeyword("if") ? p.ParseExpression(allowConditional: false) : null;
        if (p.AcceptKeyword("recursive")) throw Error("unsupported 'recursive' loop", keyword.Offset);
        p.ExpectEnd();
        var (body, end) = Block();
        IReadOnlyList<Node> elseBody = [];
        if (end?.Keyword == "else")
        {
            end.Value.Tail.ExpectEnd();
            (elseBody, end) = Block();
        }
        Expect(end, keyword, "endfor");
        return new ForNode(targets, iterable, filter, body, elseBody, keyword.Offset);
    }

    private SetNode Set(Token keyword, ExpressionParser p)
    {
        var targets = new List<string> { p.ExpectName().Text };
        string? attribute = null;
        if (p.Accept(".")) attribute = p.ExpectName().Text;
        else while (p.Accept(",")) targets.Add(p.ExpectName().Text);
        if (p.AtEnd && attribute is null && targets.Count == 1)
        {
            var (body, end) = Block();
            Expect(end, keyword, "endset");
            return new SetNode(targets, null, null, body, keyword.Offset);
        }
        p.Expect("=");
        var value = p.ParseTuple();
        p.ExpectEnd();
        return new SetNode(targets, attribute, value, null, keyword.Offset);
    }

    private void Expect((string Keyword, ExpressionParser Tail, int Offset)? end, Token opener, string expected)
    {
        if (end is null) throw Error($"'{{% {opener.Text} %}}' is never closed with '{{% {expected} %}}'", opener.Offset);
        if (end.Value.Keyword != expected) throw Error($"expected '{{% {expected} %}}' to close '{{% {opener.Text} %}}', found '{end.Value.Keyword}'", end.Value.Offset);
        end.Value.Tail.ExpectEnd();
    }

    private TemplateException Error(string problem, int offset) => new(problem, SourcePosition.At(_source, offset));
}
