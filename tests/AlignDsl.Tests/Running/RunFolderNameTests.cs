using AlignDsl.Rules;
using AlignDsl.Running;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Running;

/// <summary>A descriptor written by hand is held to ALIGN050 too: no run folder is made outside the output root.</summary>
public sealed class RunFolderNameTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-names-{Guid.NewGuid():N}", "runs");

    public void Dispose()
    {
        var parent = Path.GetDirectoryName(_root)!;
        if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("two\nlines")]
    [InlineData("   ")]
    public void An_unsafe_name_is_refused_before_any_folder_is_made(string name)
    {
        var descriptor = TestSft.Descriptor with { Name = name };

        var error = Assert.Throws<RuleViolationException>(() => new RunContext(descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" }));

        Assert.Contains("ALIGN050", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(_root)), "a folder was made");
    }
}
