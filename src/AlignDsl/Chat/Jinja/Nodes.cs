namespace AlignDsl.Chat.Jinja;

// The syntax tree. Every node keeps the offset of its first character, so a failure while rendering names its place.

internal abstract record Node(int Offset);

internal sealed record TextNode(string Text, int Offset) : Node(Offset);
internal sealed record OutputNode(Expr Value, int Offset) : Node(Offset);
internal sealed record IfNode(IReadOnlyList<(Expr Condition, IReadOnlyList<Node> Body)> Branches, IReadOnlyList<Node> Else, int Offset) : Node(Offset);
internal sealed record ForNode(IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Node> Body, IReadOnlyList<Node> Else, int Offset) : Node(Offset);
/// <summary><c>set x = …</c>, <c>set ns.attr = …</c> (Attribute not null), or a block <c>set x %}…{% endset</c> (Body not null).</summary>
internal sealed record SetNode(IReadOnlyList<string> Targets, string? Attribute, Expr? Value, IReadOnlyList<Node>? Body, int Offset) : Node(Offset);
internal sealed record LoopControlNode(bool IsBreak, int Offset) : Node(Offset);
/// <summary>Hugging Face's <c>{% generation %}</c> marks assistant text; it renders its body unchanged.</summary>
internal sealed record GenerationNode(IReadOnlyList<Node> Body, int Offset) : Node(Offset);

internal abstract record Expr(int Offset);

internal sealed record Literal(object? Value, int Offset) : Expr(Offset);
internal sealed record Name(string Identifier, int Offset) : Expr(Offset);
internal sealed record ListExpr(IReadOnlyList<Expr> Items, int Offset) : Expr(Offset);
internal sealed record DictExpr(IReadOnlyList<(Expr Key, Expr Value)> Items, int Offset) : Expr(Offset);
internal sealed record Attribute(Expr Target, string Name, int Offset) : Expr(Offset);
internal sealed record Index(Expr Target, Expr Key, int Offset) : Expr(Offset);
internal sealed record Slice(Expr Target, Expr? Start, Expr? Stop, Expr? Step, int Offset) : Expr(Offset);
internal sealed record Call(Expr Callee, IReadOnlyList<Expr> Arguments, IReadOnlyList<(string Name, Expr Value)> Named, int Offset) : Expr(Offset);
internal sealed record Filter(Expr Value, string Name, IReadOnlyList<Expr> Arguments, IReadOnlyList<(string Name, Expr Value)> Named, int Offset) : Expr(Offset);
internal sealed record Test(Expr Value, string Name, IReadOnlyList<Expr> Arguments, bool Negated, int Offset) : Expr(Offset);
internal sealed record Unary(string Operator, Expr Operand, int Offset) : Expr(Offset);
internal sealed record Binary(string Operator, Expr Left, Expr Right, int Offset) : Expr(Offset);
internal sealed record Conditional(Expr Condition, Expr Then, Expr? Else, int Offset) : Expr(Offset);
