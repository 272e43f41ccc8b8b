namespace AlignDsl.Testing.Tests;

public sealed class SnapshotTextTests
{
    [Theory]
    [InlineData("""[GeneratedCode("AlignDsl.Generators", "0.1.0")]""", """[GeneratedCode("AlignDsl.Generators", "{version}")]""")]
    [InlineData("""[global::System.CodeDom.Compiler.GeneratedCodeAttribute( "Gen" ,"1.2.3-beta.4+abc" )]""", """[global::System.CodeDom.Compiler.GeneratedCodeAttribute( "Gen" ,"{version}" )]""")]
    [InlineData("""[GeneratedCode("A", "1")] x [GeneratedCode("B", "2")]""", """[GeneratedCode("A", "{version}")] x [GeneratedCode("B", "{version}")]""")]
    [InlineData("""var s = "1.2.3"; [Obsolete("x", "1.0")]""", """var s = "1.2.3"; [Obsolete("x", "1.0")]""")]
    public void The_generator_version_is_scrubbed_and_nothing_else(string text, string expected) =>
        Assert.Equal(expected, SnapshotText.ScrubGeneratorVersion(text));

    [Theory]
    [InlineData("a\r\nb\r\n", "a\nb\n")]
    [InlineData("\uFEFFa\rb", "a\nb\n")]
    [InlineData("a\n\n\n", "a\n")]
    [InlineData("\n", "")]
    [InlineData("", "")]
    public void Line_endings_and_the_final_newline_are_normalised(string text, string expected) =>
        Assert.Equal(expected, SnapshotText.Normalize(text));
}
