using AlignDsl.Data;

namespace AlignDsl.Tests.Data;

/// <summary>Rows that load but teach nothing are counted into one warning; sound data gives none.</summary>
public sealed class DegenerateRowsTests
{
    [Fact]
    public void Identical_answers_and_empty_fields_are_counted()
    {
        PreferencePair[] pairs = [new("p", "same", "same"), new("p", "a", "b"), new("", "a", "b"), new("p", " ", "b"), new("q", "x", "x")];

        var warning = DegenerateRows.Warning("pairs.jsonl", pairs);

        Assert.Equal("pairs.jsonl: 2 pair(s) whose chosen and rejected answers are identical and 2 row(s) with an empty prompt or answer of 5: " +
            "they teach nothing; remove or fix them", warning);
    }

    [Fact]
    public void Demonstrations_feedback_and_prompts_are_checked_for_empty_fields()
    {
        Assert.Contains("1 row(s) with an empty", DegenerateRows.Warning("d.jsonl", [new Demonstration("p", ""), new Demonstration("p", "c")]));
        Assert.Contains("1 row(s) with an empty", DegenerateRows.Warning("f.jsonl", [new Feedback("", "c", true)]));
        Assert.Contains("1 row(s) with an empty", DegenerateRows.Warning("p.jsonl", ["a prompt", "  "]));
    }

    [Fact]
    public void Sound_rows_give_no_warning()
    {
        Assert.Null(DegenerateRows.Warning("pairs.jsonl", [new PreferencePair("p", "a", "b")]));
        Assert.Null(DegenerateRows.Warning("d.jsonl", [new Demonstration("p", "c")]));
    }

    [Fact]
    public void Row_counts_name_each_file_and_its_role()
    {
        var split = new Split<string>(["a", "b", "c"], ["d"]);
        Assert.Equal([new DataFileRows("t.jsonl", "train", 3), new DataFileRows("h.jsonl", "held_out", 1)], DataFileRows.Of("t.jsonl", "h.jsonl", split));
        Assert.Equal([new DataFileRows("t.jsonl", "train", 3), new DataFileRows("t.jsonl", "held_out_last_tenth", 1)], DataFileRows.Of("t.jsonl", null, split));
    }
}
