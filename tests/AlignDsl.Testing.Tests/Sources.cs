namespace AlignDsl.Testing.Tests;

/// <summary>The user code the tests feed to <see cref="MarkGenerator"/>.</summary>
internal static class Sources
{
    /// <summary>Foo gets a file; Bad gets TEST001 at line 5, column 15.</summary>
    public const string FooAndBad = """
        [Mark]
        partial class Foo { }

        [Mark]
        partial class Bad { }
        """;

    public const string Foo = """
        [Mark]
        partial class Foo { }
        """;

    public const string FooAndZed = """
        [Mark] partial class Zed { }
        [Mark] partial class Foo { }
        """;
}
