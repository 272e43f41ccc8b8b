using AlignDsl.Running;

namespace AlignDsl.Tests.Running;

public sealed class RunStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-store-{Guid.NewGuid():N}");

    [Fact]
    public void Runs_starting_together_never_share_a_folder()
    {
        var store = new RunStore(_root);
        var folders = Enumerable.Range(0, 24).AsParallel().Select(_ => store.BeginRun("exp")).ToList();
        Assert.Equal(folders.Count, folders.Distinct().Count());
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(f, RunStore.LockFile))));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "exp"), ".new-*"));
    }

    [Fact]
    public void A_failed_folder_write_leaves_the_old_folder_whole()
    {
        var target = Path.Combine(_root, "checkpoint");
        AtomicFolder.Write(target, d => File.WriteAllText(Path.Combine(d, "model"), "old"));
        Assert.Throws<IOException>(() => AtomicFolder.Write(target, d =>
        {
            File.WriteAllText(Path.Combine(d, "model"), "half");
            throw new IOException("No space left on device");
        }));
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "model")));
        Assert.Single(Directory.GetFileSystemEntries(_root));
        AtomicFolder.Write(target, d => File.WriteAllText(Path.Combine(d, "model"), "new"));
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "model")));
        Assert.Single(Directory.GetFileSystemEntries(_root));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
