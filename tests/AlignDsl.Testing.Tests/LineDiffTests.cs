namespace AlignDsl.Testing.Tests;

public sealed class LineDiffTests
{
    [Fact]
    public void A_changed_line_shows_as_removed_then_added_with_line_numbers_and_context()
    {
        var diff = LineDiff.Render("a\nb\nc\nd\ne\nf\n", "a\nb\nc\nD\ne\nf\n");

        Assert.Equal(
            """
            --- verified
            +++ received
            @@ -2,5 +2,5 @@
                 2: b
                 3: c
            -    4: d
            +    4: D
                 5: e
                 6: f

            """.ReplaceLineEndings("\n"),
            diff);
    }

    [Fact]
    public void An_inserted_line_does_not_shift_the_rest_into_the_diff()
    {
        var verified = string.Join('\n', Enumerable.Range(1, 20)) + "\n";
        var received = verified.Replace("10\n", "10\nnew\n", StringComparison.Ordinal);

        var changed = Changed(LineDiff.Render(verified, received));

        Assert.Equal(["+   11: new"], changed);
    }

    [Fact]
    public void Far_apart_changes_get_separate_hunks()
    {
        var verified = string.Join('\n', Enumerable.Range(1, 30)) + "\n";
        var received = verified.Replace("\n3\n", "\nthree\n", StringComparison.Ordinal).Replace("\n27\n", "\ntwenty-seven\n", StringComparison.Ordinal);

        var diff = LineDiff.Render(verified, received);

        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Equal(["-    3: 3", "+    3: three", "-   27: 27", "+   27: twenty-seven"], Changed(diff));
    }

    [Fact]
    public void Long_diffs_stop_after_the_limit_and_say_how_many_are_left()
    {
        var verified = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"old {i}"));
        var received = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"new {i}"));

        var diff = LineDiff.Render(verified, received);

        Assert.Equal(LineDiff.MaxChangedLines, Changed(diff).Length);
        Assert.EndsWith("... 160 more differing line(s) not shown\n", diff);
    }

    [Fact]
    public void A_missing_file_is_all_additions()
    {
        var diff = LineDiff.Render(null, "x\ny\n");

        Assert.StartsWith("--- verified (no file)\n+++ received\n@@ -1,0 +1,2 @@\n", diff);
        Assert.Equal(["+    1: x", "+    2: y"], Changed(diff));
    }

    private static string[] Changed(string diff) =>
        diff.Split('\n').Where(l => (l.StartsWith('-') || l.StartsWith('+')) && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)).ToArray();
}
