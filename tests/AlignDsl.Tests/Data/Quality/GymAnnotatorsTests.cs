using AlignDsl.Data;
using AlignDsl.Data.Quality;

namespace AlignDsl.Tests.Data.Quality;

/// <summary>Simulated annotators reach the agreement they were set to, and their file reads back as written.</summary>
public sealed class GymAnnotatorsTests
{
    /// <summary>The gym's 226 pairs four times over (904 items): enough for κ's sampling error to sit well inside ±0.1.</summary>
    private static List<PreferencePair> GymPairs(int seed)
    {
        var pairs = new Gym(GymTask.HelpfulHarmless, seed).Pairs();
        var all = pairs.Train.Concat(pairs.HeldOut).ToList();
        return Enumerable.Repeat(all, 4).SelectMany(p => p).ToList();
    }

    [Theory]
    [InlineData(2, 0.8), InlineData(2, 0.3), InlineData(4, 0.8), InlineData(4, 0.3)]
    public void Measured_kappa_is_within_a_tenth_of_the_target(int annotators, double target)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var agreement = new GymAnnotators(annotators, target, seed).Annotate(GymPairs(seed)).Agreement();
            Assert.Equal(annotators == 2 ? KappaKind.Cohen : KappaKind.Fleiss, agreement.Kind);
            Assert.Equal(904, agreement.Items);
            Assert.InRange(agreement.Kappa, target - 0.1, target + 0.1);
        }
    }

    [Fact]
    public void Each_annotator_is_right_with_probability_one_half_plus_half_root_kappa()
    {
        // κ = (2q − 1)² → q = (1 + √κ)/2: κ = 0.64 gives q = 0.9, κ = 0 a coin, κ = 1 always right.
        Assert.Equal(0.9, new GymAnnotators(2, 0.64, 0).AgreementWithTruth, 12);
        Assert.Equal(0.5, new GymAnnotators(2, 0, 0).AgreementWithTruth, 12);
        var pairs = GymPairs(7);
        var data = new GymAnnotators(3, 0.64, 7).Annotate(pairs);
        var right = data.Items.Zip(pairs).SelectMany(x => x.First.Labels.Select(l => (l == Preferred.A ? x.First.A : x.First.B) == x.Second.Chosen)).ToList();
        Assert.InRange(right.Count(r => r) / (double)right.Count, 0.88, 0.92);
        // The better response sits under "a" about half the time, so labels are balanced.
        Assert.InRange(data.Items.Zip(pairs).Count(x => x.First.A == x.Second.Chosen) / (double)pairs.Count, 0.45, 0.55);
    }

    [Fact]
    public void Perfect_annotators_vote_back_the_gym_pairs()
    {
        var pairs = GymPairs(5).Take(226).ToList();
        var data = new GymAnnotators(2, 1.0, 5).Annotate(pairs);
        Assert.Equal(pairs.Select(p => (p.Prompt, p.Chosen, p.Rejected)), data.MajorityVote().Select(p => (p.Prompt, p.Chosen, p.Rejected)));
        Assert.Equal(1.0, data.Agreement().Kappa, 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_labels_and_another_seed_others()
    {
        var pairs = GymPairs(1).Take(100).ToList();
        static string Labels(AnnotatedPairs data) => string.Concat(data.Items.SelectMany(i => i.Labels.Select(l => l.ToString())));
        Assert.Equal(Labels(new GymAnnotators(3, 0.5, 9).Annotate(pairs)), Labels(new GymAnnotators(3, 0.5, 9).Annotate(pairs)));
        Assert.NotEqual(Labels(new GymAnnotators(3, 0.5, 9).Annotate(pairs)), Labels(new GymAnnotators(3, 0.5, 10).Annotate(pairs)));
    }

    [Fact]
    public void Written_annotations_read_back_as_written()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aligndsl-gym-annotated-{Guid.NewGuid():N}.jsonl");
        try
        {
            var written = new GymAnnotators(3, 0.5, 11).Annotate(new Gym(GymTask.HelpfulHarmless, 11));
            AnnotatedJsonl.Write(path, written);
            var read = JsonlReader.ReadAnnotated(path);
            Assert.Equal(["annotator-1", "annotator-2", "annotator-3"], read.Annotators);
            Assert.Equal(226, read.Items.Count);
            Assert.Equal(written.Items.Select(i => (i.Prompt, i.A, i.B, string.Join(",", i.Labels))),
                read.Items.Select(i => (i.Prompt, i.A, i.B, string.Join(",", i.Labels))));
            Assert.Equal(written.Agreement(), read.Agreement());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unreachable_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GymAnnotators(1, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GymAnnotators(2, -0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GymAnnotators(2, 1.1, 0));
    }
}
