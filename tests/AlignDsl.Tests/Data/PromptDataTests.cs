using AlignDsl.Data;

namespace AlignDsl.Tests.Data;

/// <summary>Prompt batches cover every prompt once per epoch; prompts come from JSONL or the gym.</summary>
public sealed class PromptDataTests
{
    private static readonly string[] Prompts = ["a", "b", "c", "d", "e", "f"];

    [Fact]
    public void Batches_are_numbered_from_one_and_each_epoch_is_a_permutation()
    {
        var batches = new PromptData(Prompts).Batches(2, 6, seed: 3).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], batches.Select(b => b.Step));
        Assert.All(batches, b => Assert.Equal(2, b.Batch.Count));
        Assert.Equal(Prompts, batches.Take(3).SelectMany(b => b.Batch).Order());
        Assert.Equal(Prompts, batches.Skip(3).SelectMany(b => b.Batch).Order());
        Assert.Equal(batches.SelectMany(b => b.Batch), new PromptData(Prompts).Batches(2, 6, seed: 3).SelectMany(b => b.Batch));
        Assert.NotEqual(batches.SelectMany(b => b.Batch), new PromptData(Prompts).Batches(2, 6, seed: 4).SelectMany(b => b.Batch));
    }

    [Fact]
    public void In_order_gives_every_prompt_once()
    {
        Assert.Equal([["a", "b", "c", "d"], ["e", "f"]], new PromptData(Prompts).InOrder(4).Select(b => b.ToArray()));
    }

    [Fact]
    public void Jsonl_prompts_are_read_and_a_line_without_one_is_named()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["{\"prompt\":\"first\"}", "", "{\"prompt\":\"second\",\"extra\":1}"]);
            Assert.Equal(["first", "second"], JsonlReader.ReadPrompts(path));
            File.WriteAllLines(path, ["{\"prompt\":\"first\"}", "{\"completion\":\"x\"}"]);
            var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPrompts(path));
            Assert.Equal(2, error.Line);
            Assert.Equal("prompt", error.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Gym_prompts_split_as_the_pairs_do()
    {
        var gym = new Gym(GymTask.HelpfulHarmless, 0);
        var prompts = gym.Prompts();
        var pairs = gym.Pairs();
        Assert.Equal(pairs.Train.Select(p => p.Prompt), prompts.Train);
        Assert.Equal(pairs.HeldOut.Select(p => p.Prompt), prompts.HeldOut);
        Assert.Empty(prompts.Train.Intersect(prompts.HeldOut));
    }
}
