using AlignDsl.Constitution;
using AlignDsl.Judging;

namespace AlignDsl.Tests.Constitution;

using Constitution = AlignDsl.Constitution.Constitution;

public sealed class PrincipleJudgeTests
{
    private static readonly Principle Harmless = new("harmless", "Refuse to help cause harm.") { Prefer = ["refuse", "safe"], Avoid = ["steps"], Weight = 2 };
    private static readonly Principle Concise = new("concise", "Answer briefly.") { Avoid = ["well, that is"] };
    private static readonly PrincipleJudge Judge = new(new Constitution([Harmless, Concise]));

    [Theory]
    [InlineData("i REFUSE; it is not safe.", 2)]
    [InlineData("here are the steps, the safe ones.", 0)]
    [InlineData("here are the steps.", -1)]
    [InlineData("paris.", 0)]
    public void Scores_one_per_preferred_phrase_less_one_per_avoided_phrase(string answer, double expected) =>
        Assert.Equal(expected, PrincipleJudge.Score(Harmless, answer));

    [Fact]
    public async Task Compares_by_the_principle_the_instruction_names_in_both_orders()
    {
        var comparison = new Comparison("p", "i refuse.", "here are the steps.", Harmless.ComparisonInstruction);

        Assert.Equal(1.0, await Judge.CompareAsync(comparison, default));
        Assert.Equal(0.0, await Judge.CompareAsync(comparison.Swapped(), default));
        Assert.Equal(1.0, await Judge.CompareBothOrdersAsync(comparison, default));
        Assert.Equal(0.0, await Judge.CompareBothOrdersAsync(comparison.Swapped(), default));
        // By id as well; and the other principle sees no difference between these answers.
        Assert.Equal(1.0, await Judge.CompareAsync(comparison with { Instruction = "harmless" }, default));
        Assert.Equal(0.5, await Judge.CompareAsync(comparison with { Instruction = Concise.ComparisonInstruction }, default));
    }

    [Fact]
    public async Task Without_an_instruction_sums_all_principles_by_weight()
    {
        // "i refuse. well, that is all.": harmless +1 (weight 2), concise -1 (weight 1) = 1.
        // "paris.": 0 everywhere. So the first wins overall, though it loses on conciseness alone.
        var comparison = new Comparison("p", "i refuse. well, that is all.", "paris.");
        Assert.Equal(1.0, Judge.Score(comparison.First));
        Assert.Equal(1.0, await Judge.CompareAsync(comparison, default));
        Assert.Equal(0.0, await Judge.CompareAsync(comparison with { Instruction = "concise" }, default));
    }

    [Fact]
    public async Task An_unknown_instruction_names_the_principles_it_knows()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Judge.CompareAsync(new Comparison("p", "a", "b", "Which is funnier?"), default));
        Assert.Contains("Which is funnier?", error.Message);
        Assert.Contains("harmless, concise", error.Message);
    }

    [Fact]
    public async Task Classifying_points_to_a_judge_that_can()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => Judge.ClassifyAsync("p", "a", default));
        Assert.Contains("red teaming", error.Message);
    }
}
