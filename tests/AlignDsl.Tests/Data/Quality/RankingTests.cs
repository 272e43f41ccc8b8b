using AlignDsl.Data;
using AlignDsl.Data.Quality;

namespace AlignDsl.Tests.Data.Quality;

/// <summary>k-wise rankings: their C(k,2) pairs and weights, the checks on each line, and a split that keeps a prompt whole.</summary>
public sealed class RankingTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aligndsl-rankings-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    private string Write(params string[] lines)
    {
        File.WriteAllLines(_path, lines);
        return _path;
    }

    [Fact]
    public void A_ranking_of_three_becomes_three_pairs_best_over_worse_each_weighing_a_third()
    {
        // z is best, then x, then y: z ≻ x, z ≻ y, x ≻ y; C(3,2) = 3, so each weighs 1/3.
        var pairs = new RankedResponses("p", ["x", "y", "z"], [2, 0, 1]).ToPairs();
        Assert.Equal([("z", "x"), ("z", "y"), ("x", "y")], pairs.Select(p => (p.Chosen, p.Rejected)));
        Assert.All(pairs, p => Assert.Equal(1.0 / 3, p.Weight, 12));
        Assert.All(pairs, p => Assert.Equal("p", p.Prompt));
    }

    [Fact]
    public void Each_ranked_prompt_weighs_one_in_total_whatever_its_k()
    {
        foreach (var k in new[] { 2, 4, 5 })
        {
            var pairs = new RankedResponses("p", Enumerable.Range(0, k).Select(i => $"r{i}").ToList(), Enumerable.Range(0, k).ToList()).ToPairs();
            Assert.Equal(k * (k - 1) / 2, pairs.Count);
            Assert.Equal(1.0, pairs.Sum(p => p.Weight), 12);
        }
    }

    [Fact]
    public void Reads_rankings_from_jsonl_expanded()
    {
        var pairs = JsonlReader.ReadRankings(Write(
            """{"prompt":"p","responses":["good","bad"],"ranking":[0,1]}""",
            "",
            """{"prompt":"q","responses":["mid","worst","best","meh"],"ranking":[2,0,3,1]}"""));
        Assert.Equal(1 + 6, pairs.Count);
        Assert.Equal(new PreferencePair("p", "good", "bad"), pairs[0]);
        Assert.Equal(("best", "mid", 1.0 / 6), (pairs[1].Chosen, pairs[1].Rejected, pairs[1].Weight));
        Assert.Equal(("meh", "worst", 1.0 / 6), (pairs[6].Chosen, pairs[6].Rejected, pairs[6].Weight));
    }

    [Theory]
    [InlineData("""{"prompt":"p","responses":["a","b","c"],"ranking":[0,0,1]}""", "ranking", "index 0 appears twice; it must be a permutation of 0..2")]
    [InlineData("""{"prompt":"p","responses":["a","b","c"],"ranking":[0,3,1]}""", "ranking", "index 3 is out of range 0..2")]
    [InlineData("""{"prompt":"p","responses":["a","b","c"],"ranking":[0,1]}""", "ranking", "has 2 indices for 3 responses; it must order every response, best first")]
    [InlineData("""{"prompt":"p","responses":["a","b"],"ranking":[0,"1"]}""", "ranking", "expected an array of response indices, found String at index 1")]
    [InlineData("""{"prompt":"p","responses":["a","b"],"ranking":[0,1.5]}""", "ranking", "expected an array of response indices, found 1.5 at index 1")]
    [InlineData("""{"prompt":"p","responses":["a"],"ranking":[0]}""", "responses", "a ranking needs at least 2 responses, found 1")]
    [InlineData("""{"prompt":"p","responses":["a",2],"ranking":[0,1]}""", "responses", "expected an array of strings, found Number at index 1")]
    [InlineData("""{"prompt":"p","responses":"a b","ranking":[0,1]}""", "responses", "expected an array of strings, found String")]
    [InlineData("""{"prompt":"p","responses":["a","b"]}""", "ranking", "missing")]
    public void A_bad_ranking_line_names_file_line_and_field(string line, string field, string problem)
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadRankings(Write("""{"prompt":"ok","responses":["a","b"],"ranking":[1,0]}""", line)));
        Assert.Equal($"{_path}:2: field '{field}': {problem}", error.Message);
    }

    [Fact]
    public void The_held_out_tenth_is_whole_rankings_so_no_prompt_is_on_both_sides()
    {
        // Ten rankings of three: nine train (27 pairs), the last one is held out (3 pairs).
        var lines = Enumerable.Range(0, 10).Select(i => $$"""{"prompt":"p{{i}}","responses":["a","b","c"],"ranking":[1,2,0]}""").ToArray();
        var split = JsonlReader.ReadRankingSplit(Write(lines), heldOutPath: null);
        Assert.Equal(27, split.Train.Count);
        Assert.Equal(3, split.HeldOut.Count);
        Assert.All(split.HeldOut, p => Assert.Equal("p9", p.Prompt));
        Assert.DoesNotContain(split.Train, p => p.Prompt == "p9");
    }
}
