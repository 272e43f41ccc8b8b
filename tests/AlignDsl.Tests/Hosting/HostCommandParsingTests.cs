using AlignDsl.Hosting;

namespace AlignDsl.Tests.Hosting;

/// <summary>The command line as the README and the template use it parses without errors.</summary>
public sealed class HostCommandParsingTests
{
    [Theory]
    [InlineData]
    [InlineData("--device", "cpu")]
    [InlineData("--out", "runs", "--seed", "3")]
    public void No_verb_runs_the_default_experiment(params string[] args)
    {
        var commands = new HostCommands();

        var parsed = commands.Root.Parse(args);

        Assert.Empty(parsed.Errors);
        Assert.Same(commands.Root, parsed.CommandResult.Command);
    }

    [Fact]
    public void Score_takes_a_model_and_ids()
    {
        var commands = new HostCommands();

        var parsed = commands.Root.Parse(["score", "--model", "gym-sft", "--ids", "1,2,3"]);

        Assert.Empty(parsed.Errors);
        Assert.Same(commands.Score, parsed.CommandResult.Command);
        Assert.Equal("1,2,3", parsed.GetValue(commands.Ids));
    }
}
