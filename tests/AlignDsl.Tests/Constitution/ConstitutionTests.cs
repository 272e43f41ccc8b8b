using AlignDsl.Constitution;

namespace AlignDsl.Tests.Constitution;

// The namespace AlignDsl.Constitution would hide its type of the same name here.
using Constitution = AlignDsl.Constitution.Constitution;

public sealed class ConstitutionTests
{
    [Fact]
    public void Requests_left_unset_are_derived_from_the_text_and_follow_it()
    {
        var principle = new Principle("kind", "Be kind.");
        Assert.Equal("Which answer better follows this principle: Be kind.", principle.ComparisonInstruction);
        Assert.Contains("Be kind.", principle.CritiqueRequest);
        Assert.Contains("Be kind.", principle.RevisionRequest);
        Assert.Contains("Be brief.", (principle with { Text = "Be brief." }).ComparisonInstruction);

        var set = principle with { ComparisonInstruction = "Which answer is kinder?" };
        Assert.Equal("Which answer is kinder?", (set with { Text = "Be brief." }).ComparisonInstruction);
    }

    [Fact]
    public void An_empty_constitution_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Constitution([]));
        Assert.Contains("at least one principle", error.Message);
    }

    [Fact]
    public void Duplicate_ids_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new Constitution([new("harmless", "Do no harm."), new("harmless", "Refuse harm.")]));
        Assert.Contains("'harmless' appears more than once", error.Message);
    }

    [Theory]
    [InlineData("", "Do no harm.", "empty id")]
    [InlineData("harmless", " ", "'harmless' has an empty text")]
    public void Empty_ids_and_texts_are_refused(string id, string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new Constitution([new("honest", "Be honest."), new(id, text)]));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Weights_must_be_positive_and_finite(double weight)
    {
        var error = Assert.Throws<ArgumentException>(() => new Constitution([new Principle("harmless", "Do no harm.") { Weight = weight }]));
        Assert.Contains("'harmless' has weight", error.Message);
        Assert.Contains("must be positive", error.Message);
    }

    [Fact]
    public void An_empty_rule_phrase_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Constitution([new Principle("harmless", "Do no harm.") { Avoid = [""] }]));
        Assert.Contains("empty Prefer or Avoid phrase", error.Message);
    }

    [Fact]
    public void Sampling_frequencies_follow_the_weights()
    {
        var constitution = new Constitution(
        [
            new Principle("a", "A.") { Weight = 1 },
            new Principle("b", "B.") { Weight = 3 },
            new Principle("c", "C.") { Weight = 6 },
        ]);
        var random = new Random(7);
        const int draws = 20_000;
        var counts = Enumerable.Range(0, draws).Select(_ => constitution.Sample(random).Id).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count() / (double)draws);

        Assert.Equal(0.1, counts["a"], 0.015);
        Assert.Equal(0.3, counts["b"], 0.015);
        Assert.Equal(0.6, counts["c"], 0.015);
    }

    [Fact]
    public void Sampling_is_repeatable_by_seed()
    {
        var constitution = new Constitution([new("a", "A."), new("b", "B."), new("c", "C.")]);
        string[] Draw(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 30).Select(_ => constitution.Sample(random).Id).ToArray();
        }
        Assert.Equal(Draw(3), Draw(3));
        Assert.NotEqual(Draw(3), Draw(4));
    }
}
