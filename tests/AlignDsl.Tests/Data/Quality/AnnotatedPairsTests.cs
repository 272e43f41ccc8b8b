using AlignDsl.Data;
using AlignDsl.Data.Quality;

namespace AlignDsl.Tests.Data.Quality;

/// <summary>Annotated pairs: reading and its checks, the majority vote, and which κ measures the agreement.</summary>
public sealed class AnnotatedPairsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aligndsl-annotated-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    private string Write(params string[] lines)
    {
        File.WriteAllLines(_path, lines);
        return _path;
    }

    [Fact]
    public void Two_annotators_vote_ties_drop_and_cohen_measures_them()
    {
        var data = JsonlReader.ReadAnnotated(Write(
            """{"prompt":"p1","a":"A1","b":"B1","labels":{"ann":"a","bob":"a"}}""",
            """{"prompt":"p2","a":"A2","b":"B2","labels":{"bob":"b","ann":"b"}}""",
            """{"prompt":"p3","a":"A3","b":"B3","labels":{"ann":"a","bob":"b"}}""",
            """{"prompt":"p4","a":"A4","b":"B4","labels":{"ann":"b","bob":"b"}}"""));
        Assert.Equal(["ann", "bob"], data.Annotators);
        // Labels follow the first line's annotator order, whatever the order on the line.
        Assert.Equal([Preferred.B, Preferred.B], data.Items[1].Labels);
        Assert.Equal(
            [new PreferencePair("p1", "A1", "B1"), new PreferencePair("p2", "B2", "A2"), new PreferencePair("p4", "B4", "A4")],
            data.MajorityVote());
        // ann says a, b, a, b; bob says a, b, b, b: they agree on 3 of 4, p_o = 0.75.
        // ann says a 1/2 of the time, bob 1/4: p_e = 0.5·0.25 + 0.5·0.75 = 0.5. κ = (0.75 − 0.5)/(1 − 0.5) = 0.5.
        Assert.Equal(new AnnotationAgreement(0.5, KappaKind.Cohen, Annotators: 2, Items: 4, TiesDropped: 1), data.Agreement());
    }

    [Fact]
    public void Three_annotators_are_measured_by_fleiss_and_never_tie()
    {
        var data = JsonlReader.ReadAnnotated(Write(
            """{"prompt":"p1","a":"A","b":"B","labels":{"x":"a","y":"a","z":"a"}}""",
            """{"prompt":"p2","a":"A","b":"B","labels":{"x":"a","y":"b","z":"a"}}""",
            """{"prompt":"p3","a":"A","b":"B","labels":{"x":"b","y":"b","z":"b"}}""",
            """{"prompt":"p4","a":"A","b":"B","labels":{"x":"b","y":"a","z":"b"}}""",
            """{"prompt":"p5","a":"A","b":"B","labels":{"x":"a","y":"a","z":"a"}}"""));
        // The small table of KappaTests: κ = 4/9.
        var agreement = data.Agreement();
        Assert.Equal((KappaKind.Fleiss, 3, 5, 0), (agreement.Kind, agreement.Annotators, agreement.Items, agreement.TiesDropped));
        Assert.Equal(4.0 / 9, agreement.Kappa, 12);
        Assert.Equal(["A", "A", "B", "B", "A"], data.MajorityVote().Select(p => p.Chosen));
    }

    [Theory]
    [InlineData("""{"prompt":"p","a":"A","b":"B","labels":{"ann":"a","cid":"b"}}""", "labels", "annotators {ann, cid} differ from the first line's {ann, bob}: every line must be labelled by the same annotators")]
    [InlineData("""{"prompt":"p","a":"A","b":"B","labels":{"ann":"a"}}""", "labels", "annotators {ann} differ from the first line's {ann, bob}: every line must be labelled by the same annotators")]
    [InlineData("""{"prompt":"p","a":"A","b":"B","labels":{"ann":"a","bob":"c"}}""", "labels.bob", "expected \"a\" or \"b\", found \"c\"")]
    [InlineData("""{"prompt":"p","a":"A","b":"B","labels":{"ann":"a","bob":1}}""", "labels.bob", "expected \"a\" or \"b\", found Number")]
    [InlineData("""{"prompt":"p","a":"A","b":"B","labels":{"ann":"a","ann":"b","bob":"a"}}""", "labels", "annotator 'ann' appears twice")]
    [InlineData("""{"prompt":"p","a":"A","b":"B","labels":["a","b"]}""", "labels", "expected an object of annotator names to \"a\" or \"b\", found Array")]
    [InlineData("""{"prompt":"p","a":"A","labels":{"ann":"a","bob":"b"}}""", "b", "missing")]
    public void A_bad_annotated_line_names_file_line_and_field(string line, string field, string problem)
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadAnnotated(Write(
            """{"prompt":"p","a":"A","b":"B","labels":{"ann":"a","bob":"a"}}""", line)));
        Assert.Equal($"{_path}:2: field '{field}': {problem}", error.Message);
    }

    [Fact]
    public void One_annotator_cannot_be_measured()
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadAnnotated(Write("""{"prompt":"p","a":"A","b":"B","labels":{"ann":"a"}}""")));
        Assert.StartsWith($"{_path}:1: field 'labels': 1 annotator(s): agreement needs at least 2", error.Message);
    }

    [Fact]
    public void Low_agreement_warns_with_the_figure_and_high_agreement_does_not()
    {
        var low = new AnnotationAgreement(0.412, KappaKind.Cohen, 2, 100, 20).Warning("f.jsonl");
        Assert.NotNull(low);
        Assert.StartsWith("f.jsonl: annotator agreement is low (Cohen's κ = 0.41 < 0.6): labels are noisy", low);
        Assert.Contains("(20 of 100 items were ties and were dropped)", low);
        Assert.Null(new AnnotationAgreement(0.6, KappaKind.Fleiss, 3, 100, 0).Warning("f.jsonl"));
        Assert.Contains("cannot be measured", new AnnotationAgreement(double.NaN, KappaKind.Cohen, 2, 10, 0).Warning("f.jsonl"));
    }
}
