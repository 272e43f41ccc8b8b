namespace AlignDsl.Chat.Jinja;

/// <summary>
/// Jinja's expression grammar over one tag's tokens, lowest precedence first: conditional (<c>a if c else b</c>),
/// <c>or</c>, <c>and</c>, <c>not</c>, comparisons and <c>in</c>, <c>+ -</c>, <c>~</c>, <c>* / // %</c>, <c>**</c>,
/// unary minus, then a primary with its attributes, subscripts, calls, filters (<c>|</c>) and tests (<c>is</c>).
/// As in Jinja, a filter binds tighter than any operator: <c>'a' + x | trim</c> trims x alone.
/// </summary>
internal sealed class ExpressionParser(string source, List<Token> tokens)
{
    private static readonly HashSet<string> Keywords = ["and", "or", "not", "in", "is", "if", "else"];
    private int _position;

    private Token Current => tokens[_position];
    public bool AtEnd => Current.Kind == TokenKind.End;

    public Expr ParseTuple()
    {
        var first = ParseExpression();
        if (!Accept(",")) return first;
        var items = new List<Expr> { first };
        do items.Add(ParseExpression()); while (Accept(","));
        return new ListExpr(items, first.Offset);
    }

    public Expr ParseExpression(bool allowConditional = true)
    {
        var value = Or();
        if (!allowConditional || !AcceptKeyword("if")) return value;
        var condition = Or();
        var otherwise = AcceptKeyword("else") ? ParseExpression() : null;
        return new Conditional(condition, value, otherwise, value.Offset);
    }

    private Expr Or() => LeftAssociative(And, "or");
    private Expr And() => LeftAssociative(Not, "and");

    private Expr Not()
    {
        var offset = Current.Offset;
        return AcceptKeyword("not") ? new Unary("not", Not(), offset) : Compare();
    }

    private Expr Compare()
    {
        var left = Math1();
        while (true)
        {
            var offset = Current.Offset;
            if (Current.Kind == TokenKind.Operator && Current.Text is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                var op = Next().Text;
                left = new Binary(op, left, Math1(), offset);
            }
            else if (AcceptKeyword("in")) left = new Binary("in", left, Math1(), offset);
            else if (IsKeyword("not") && tokens[_position + 1] is { Kind: TokenKind.Name, Text: "in" })
            {
                _position += 2;
                left = new Binary("not in", left, Math1(), offset);
            }
            else return left;
        }
    }

    private Expr Math1() => LeftAssociative(Concat, "+", "-");
    private Expr Concat() => LeftAssociative(Math2, "~");
    private Expr Math2() => LeftAssociative(Power, "*", "/", "//", "%");
    private Expr Power() => LeftAssociative(UnaryExpr, "**");

    private Expr UnaryExpr()
    {
        var offset = Current.Offset;
        if (Accept("-")) return FilterExpr(new Unary("-", UnaryExpr(), offset));
        if (Accept("+")) return FilterExpr(UnaryExpr());
        return FilterExpr(Postfix(Primary()));
    }

    private Expr Primary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.String:
                var text = (string)token.Value!;
                while (Current.Kind == TokenKind.String) text += (string)Next().Value!; // 'a' 'b' is 'ab', as in Python
                return new Literal(text, token.Offset);
            case TokenKind.Integer or TokenKind.Float:
                return new Literal(token.Value, token.Offset);
            case TokenKind.Name:
                return token.Text switch
                {
                    "true" or "True" => new Literal(true, token.Offset),
                    "false" or "False" => new Literal(false, token.Offset),
                    "none" or "None" => new Literal(null, token.Offset),
                    _ when Keywords.Contains(token.Text) => throw Error($"unexpected '{token.Text}'", token),
                    _ => new Name(token.Text, token.Offset),
                };
            case TokenKind.Operator when token.Text == "(":
                var inner = ParseTuple();
                Expect(")");
                return inner;
            case TokenKind.Operator when token.Text == "[":
                var items = new List<Expr>();
                while (!Accept("]"))
                {
                    items.Add(ParseExpression());
                    if (!Accept(",")) { Expect("]"); break; }
                }
                return new ListExpr(items, token.Offset);
            case TokenKind.Operator when token.Text == "{":
                var pairs = new List<(Expr, Expr)>();
                while (!Accept("}"))
                {
                    var key = ParseExpression();
                    Expect(":");
                    pairs.Add((key, ParseExpression()));
                    if (!Accept(",")) { Expect("}"); break; }
                }
                return new DictExpr(pairs, token.Offset);
            default:
                throw Error($"unexpected '{token.Text}'", token);
        }
    }

    private Expr Postfix(Expr target)
    {
        while (true)
        {
            var offset = Current.Offset;
            if (Accept(".")) target = new Attribute(target, ExpectName().Text, offset);
            else if (Accept("[")) target = Subscript(target, offset);
            else if (Accept("(")) target = CallArguments(target, offset);
            else return target;
        }
    }

    private Expr Subscript(Expr target, int offset)
    {
        Expr? start = Current.Text == ":" ? null : ParseExpression();
        if (Accept("]")) return new Index(target, start!, offset);
        Expect(":");
        Expr? stop = Current.Text is ":" or "]" ? null : ParseExpression();
        Expr? step = Accept(":") && Current.Text != "]" ? ParseExpression() : null;
        Expect("]");
        return new Slice(target, start, stop, step, offset);
    }

    private Call CallArguments(Expr callee, int offset)
    {
        var (positional, named) = Arguments();
        return new Call(callee, positional, named, offset);
    }

    /// <summary>After "(": positional and <c>name=value</c> arguments up to ")".</summary>
    private (List<Expr>, List<(string, Expr)>) Arguments()
    {
        var positional = new List<Expr>();
        var named = new List<(string, Expr)>();
        while (!Accept(")"))
        {
            if (Current.Kind == TokenKind.Name && tokens[_position + 1] is { Kind: TokenKind.Operator, Text: "=" })
            {
                var name = Next().Text;
                Next();
                named.Add((name, ParseExpression()));
            }
            else positional.Add(ParseExpression());
            if (!Accept(",")) { Expect(")"); break; }
        }
        return (positional, named);
    }

    /// <summary>Filters, tests and calls that follow a primary: <c>x | trim</c>, <c>x is defined</c>, <c>x | f(1)(2)</c>.</summary>
    private Expr FilterExpr(Expr value)
    {
        while (true)
        {
            var offset = Current.Offset;
            if (Accept("|"))
            {
                var name = ExpectName().Text;
                var (positional, named) = Accept("(") ? Arguments() : ([], []);
                value = new Filter(value, name, positional, named, offset);
            }
            else if (AcceptKeyword("is"))
            {
                var negated = AcceptKeyword("not");
                var name = ExpectName().Text;
                List<Expr> arguments = [];
                if (Accept("(")) arguments = Arguments().Item1;
                else if (Current.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Float
                         || (Current.Kind == TokenKind.Name && !Keywords.Contains(Current.Text))) arguments = [Postfix(Primary())];
                value = new Test(value, name, arguments, negated, offset);
            }
            else if (Accept("(")) value = CallArguments(value, offset);
            else return value;
        }
    }

    private Expr LeftAssociative(Func<Expr> operand, params string[] operators)
    {
        var left = operand();
        while (operators.Contains(Current.Text) && (Current.Kind == TokenKind.Operator || (Current.Kind == TokenKind.Name && Keywords.Contains(Current.Text))))
        {
            var token = Next();
            left = new Binary(token.Text, left, operand(), token.Offset);
        }
        return left;
    }

    public Token ExpectName() => Current.Kind == TokenKind.Name ? Next() : throw Error($"expected a name, found '{Current.Text}'", Current);

    public void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword)) throw Error($"expected '{keyword}', found '{Current.Text}'", Current);
    }

    public bool AcceptKeyword(string keyword)
    {
        if (!IsKeyword(keyword)) return false;
        _position++;
        return true;
    }

    public bool Accept(string op)
    {
        if (Current.Kind != TokenKind.Operator || Current.Text != op) return false;
        _position++;
        return true;
    }

    public void Expect(string op)
    {
        if (!Accept(op)) throw Error($"expected '{op}', found '{Current.Text}'", Current);
    }

    public void ExpectEnd()
    {
        if (!AtEnd) throw Error($"unexpected '{Current.Text}'", Current);
    }

    private bool IsKeyword(string keyword) => Current.Kind == TokenKind.Name && Current.Text == keyword;

    private Token Next() => tokens[_position++];

    private TemplateException Error(string problem, Token at) => new(problem, SourcePosition.At(source, at.Offset));
}
