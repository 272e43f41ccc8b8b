using AlignDsl.Data;
using AlignDsl.Objectives;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Data;

/// <summary>
/// A preference row's <c>margin</c> (TRL's reward trainer column) travels from the file to the Bradley–Terry loss,
/// where it replaces the declared margin for its pair; a pair without one keeps the declared margin.
/// </summary>
public sealed class RewardMarginTests : IDisposable
{
    /// <summary>The file test-margins-rm reads, relative to the working directory.</summary>
    public const string File = "testdata/margins/pairs.jsonl";

    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => System.IO.File.Delete(_path);

    [Fact]
    public void Margins_are_read_from_standard_conversational_and_implicit_rows()
    {
        System.IO.File.WriteAllLines(_path,
        [
            """{"prompt":"Sky?","chosen":" Blue.","rejected":" Green.","margin":1.5}""",
            """{"prompt":[{"role":"user","content":"Sky?"}],"chosen":[{"role":"assistant","content":"Blue."}],"rejected":[{"role":"assistant","content":"Red."}],"margin":0.25}""",
            """{"chosen":"The sky is blue.","rejected":"The sky is green.","margin":-1}""",
            """{"prompt":"Sky?","chosen":" Blue.","rejected":" Grey."}""",
        ]);
        Assert.Equal([1.5, 0.25, -1, null], JsonlReader.ReadPairs(_path).Select(p => p.Margin));
    }

    [Theory]
    [InlineData("\"wide\"")]
    [InlineData("true")]
    [InlineData("1e400")]
    public void A_margin_that_is_not_a_finite_number_is_an_error_at_its_line(string value)
    {
        System.IO.File.WriteAllLines(_path, ["""{"prompt":"a","chosen":" b","rejected":" c"}""", $$"""{"prompt":"a","chosen":" b","rejected":" c","margin":{{value}}}"""]);
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(_path));
        Assert.Equal(2, error.Line);
        Assert.Equal("margin", error.Field);
    }

    [Fact]
    public void A_pair_s_margin_reaches_its_batch_and_replaces_the_declared_one_in_the_loss()
    {
        var tokenizer = CompactTokenizer.FromCorpus(["a b c d"]);
        var pairs = new[] { new PreferencePair("a", " b", " c") { Margin = 2 }, new PreferencePair("a", " b", " d") };
        var data = PreferenceData.Tokenize(pairs, tokenizer, 16);
        Assert.Equal(2f, data.Margins![0]);
        Assert.True(float.IsNaN(data.Margins[1]));
        Assert.Null(PreferenceData.Tokenize([pairs[1]], tokenizer, 16).Margins);

        var batch = data.InOrder(2).Single().ToDevice(CPU);
        var (chosen, rejected) = (tensor(new float[] { 1, 1 }), tensor(new float[] { 0, 0 }));
        var loss = RewardModelLoss.BradleyTerry(chosen, rejected, margin: 0.5, margins: batch.Margins).Loss.item<float>();
        // Pair 1: −log σ(1 − 2); pair 2 keeps the declared margin: −log σ(1 − 0.5).
        var expected = (Math.Log(1 + Math.Exp(1)) + Math.Log(1 + Math.Exp(-0.5))) / 2;
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void A_reward_model_s_export_carries_each_pair_s_margin_and_the_declared_one_for_the_rest()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        System.IO.File.WriteAllLines(File, Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? $$"""{"prompt":"q{{i}}","chosen":" yes","rejected":" no","margin":{{i}}}"""
            : $$"""{"prompt":"q{{i}}","chosen":" yes","rejected":" no"}"""));
        var descriptor = EndToEnd.TestMarginsRewardModel.Descriptor;
        var (train, eval) = AlignDsl.Export.TrlData.For(descriptor, AlignDsl.Export.TrlRecipe.For(descriptor, gpus: 1), runsRoot: "runs");
        var rows = train.Concat(eval).ToDictionary(r => r["prompt"]!.GetValue<string>(), r => r["margin"]!.GetValue<double>());
        Assert.Equal(20, rows.Count);
        Assert.All(rows, row => Assert.Equal(int.Parse(row.Key[1..]) % 2 == 0 ? int.Parse(row.Key[1..]) : 0.5, row.Value));
    }
}
