using AlignDsl.Chat;
using AlignDsl.Chat.Jinja;

namespace AlignDsl.Tests.Chat;

/// <summary>The constructs chat templates use, one at a time, with the output Python's Jinja gives.</summary>
public sealed class JinjaSubsetTests
{
    private static readonly ChatMessage[] Messages = [new("system", "sys"), ChatMessage.FromUser("hi"), ChatMessage.FromAssistant("yo")];

    private static string Render(string template, IReadOnlyDictionary<string, object?>? variables = null) =>
        ChatTemplate.Parse(template).Render(Messages, variables: variables);

    [Theory]
    [InlineData("{% for m in messages %}{{ loop.index }}{{ loop.index0 }}{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %},{% endfor %}", "103F,213,323L,")]
    [InlineData("{% for m in messages[1:] %}{{ m.role }} {% endfor %}", "user assistant ")]
    [InlineData("{{ messages[-1]['content'] }}{{ messages[::-1][0].role }}{{ 'abcdef'[1:4] }}", "yoassistantbcd")]
    [InlineData("{% set ns = namespace(found=false) %}{% for m in messages %}{% if m.role == 'system' %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}", "True")]
    [InlineData("{% set x = 1 %}{% for m in messages %}{% set x = 2 %}{% endfor %}{{ x }}", "1")]
    [InlineData("{% if false %}a{% elif messages | length > 2 %}b{% else %}c{% endif %}", "b")]
    [InlineData("{{ '  x '.strip() }}|{{ 'a,b'.split(',') }}|{{ 'Hi'.upper() ~ 'Hi'.lower() }}|{{ 'abc'.startswith('ab') }}|{{ 'abc'.endswith(('x', 'c')) }}|{{ 'aXa'.replace('a', 'b') }}", "x|['a', 'b']|HIhi|True|True|bXb")]
    [InlineData("{{ ' a ' | trim | upper }}{{ 'x' ~ 1 ~ none }}{{ 1 + 2 * 3 }}{{ 7 // 2 }}{{ 7 % 4 }}", "Ax1None733")]
    [InlineData("{{ {'a': 1, 'b': [true, none, 'é\"']} | tojson }}", "{\"a\": 1, \"b\": [true, null, \"é\\\"\"]}")]
    [InlineData("{{ missing is defined }}{{ missing is undefined }}{{ none is none }}{{ 'x' is string }}{{ 3 is string }}{{ 'i' in 'hi' }}{{ 'user' not in ['a'] }}", "FalseTrueTrueTrueFalseTrueTrue")]
    [InlineData("{{ 'yes' if messages[0].role == 'system' else 'no' }}{{ messages | selectattr('role', 'equalto', 'user') | map(attribute='content') | join(',') }}", "yeshi")]
    [InlineData("{% for m in messages if m.role != 'system' %}{% if loop.first %}{{ m.content }}{% endif %}{% endfor %}", "hi")]
    [InlineData("{% for m in messages %}{% if loop.index0 == 1 %}{% break %}{% endif %}{{ m.role }}{% endfor %}", "system")]
    [InlineData("{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% endfor %}{{ {'a': 1}.get('b', 'none') }}", "a=1none")]
    [InlineData("{% set block %}x{{ 1 }}{% endset %}[{{ block }}]", "[x1]")]
    [InlineData("{# a comment #}{{ [1, 'a', none] }}{{ (1 > 0) and 'y' }}", "[1, 'a', None]y")]
    [InlineData("{{ 7 / 2 }} {{ 4 / 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 2 ** 3 }}", "3.5 2.0 -4 2 8")]
    [InlineData("{% for m in messages %}{% if loop.previtem is defined %}{{ loop.previtem.role }}>{% endif %}{{ m.role }};{% endfor %}", "system;system>user;user>assistant;")]
    public void Renders_as_jinja_does(string template, string expected) => Assert.Equal(expected, Render(template));

    [Fact]
    public void A_tool_calling_style_template_renders_with_its_multi_line_whitespace_control()
    {
        // The layout newer templates use: one statement a line, every tag stripping the newline before it.
        const string template = """
            {%- if tools %}
                {{- '<|im_start|>system\n# Tools\n' }}
                {%- for tool in tools %}
                    {{- '\n' }}{{- tool | tojson(indent=2) }}
                {%- endfor %}
                {{- '<|im_end|>\n' }}
            {%- endif %}
            {%- for message in messages %}
                {%- if message.role == 'system' and tools %}
                {%- else %}
                    {{- '<|im_start|>' + message.role + '\n' + message.content.strip() + '<|im_end|>\n' }}
                {%- endif %}
            {%- endfor %}
            {%- if add_generation_prompt %}
                {{- '<|im_start|>assistant\n' }}
            {%- endif %}
            """;
        var tools = new List<object?> { new Dictionary<string, object?> { ["name"] = "search", ["args"] = new List<object?> { "q" } } };
        var text = ChatTemplate.Parse(template).Render([new("system", "ignored"), ChatMessage.FromUser(" hi ")], addGenerationPrompt: true,
            variables: new Dictionary<string, object?> { ["tools"] = tools });
        Assert.Equal(
            "<|im_start|>system\n# Tools\n\n{\n  \"name\": \"search\",\n  \"args\": [\n    \"q\"\n  ]\n}<|im_end|>\n" +
            "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", text);
    }

    [Theory]
    [InlineData("a  \n  {%- if true -%}  \n b {%- endif %}", "ab")]
    [InlineData("{% if true %}\nline\n{% endif %}\nend", "line\nend")]           // trim_blocks: the newline after a statement tag goes
    [InlineData("x\n    {% if true %}\n    y\n    {% endif %}\nz", "x\n    y\nz")] // lstrip_blocks: indentation before a statement tag goes
    [InlineData("{{ 'a' }}\n{{ 'b' }}", "a\nb")]                                  // not after an expression
    [InlineData("  {%+ if true %}x{% endif %}", "  x")]                           // + keeps the indentation
    public void Whitespace_control_matches_hugging_faces_settings(string template, string expected) => Assert.Equal(expected, Render(template));

    [Fact]
    public void Variables_given_to_render_are_seen()
    {
        var tools = new List<object?> { new Dictionary<string, object?> { ["name"] = "search" } };
        Assert.Equal("search", Render("{% for t in tools %}{{ t.name }}{% endfor %}", new Dictionary<string, object?> { ["tools"] = tools }));
    }

    [Fact]
    public void An_unsupported_statement_is_named_with_its_line_and_column()
    {
        var error = Assert.Throws<TemplateException>(() => ChatTemplate.Parse("{{ bos_token }}\n  {% macro render(m) %}{{ m }}{% endmacro %}"));
        Assert.Contains("unsupported statement '{% macro %}'", error.Message);
        Assert.Equal((2, 6), (error.Line, error.Column));
    }

    [Fact]
    public void An_unsupported_filter_is_named_with_its_place_when_rendered()
    {
        var error = Assert.Throws<TemplateException>(() => Render("{% for m in messages %}\n{{ m.content | wordwrap(5) }}{% endfor %}"));
        Assert.Contains("unsupported filter 'wordwrap'", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void An_unclosed_block_is_named()
    {
        var error = Assert.Throws<TemplateException>(() => ChatTemplate.Parse("{% for m in messages %}{{ m }}"));
        Assert.Contains("'{% for %}' is never closed with '{% endfor %}'", error.Message);
    }

    [Fact]
    public void Looking_into_an_undefined_value_is_an_error()
    {
        var error = Assert.Throws<TemplateException>(() => Render("{{ nothing.role }}"));
        Assert.Contains("'nothing' is undefined", error.Message);
    }
}
