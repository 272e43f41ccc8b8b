namespace AlignDsl.Testing.Tests;

[Collection(SnapshotFilesCollection.Name)]
public sealed class VerifyTests
{
    private const string Name = "Case";

    [Fact]
    public void A_missing_verified_file_throws_and_writes_the_received_file()
    {
        using var dir = new TempDirectory();
        using var _ = AcceptVariable.Off();

        var error = Assert.Throws<SnapshotMismatchException>(() => Run(Sources.Foo).Verify(Name, dir.Path));

        Assert.Equal(["Case#Foo.g.received.cs", "Case#MarkAttribute.g.received.cs"], dir.Names());
        Assert.All(error.Mismatches, m => Assert.Equal(SnapshotMismatchKind.Missing, m.Kind));
        Assert.Contains(dir.File("Case#Foo.g.received.cs"), error.Message);
        Assert.Contains(dir.File("Case#Foo.g.verified.cs"), error.Message);
        Assert.Contains("ALIGNDSL_ACCEPT=1", error.Message);
        Assert.Contains("+    5:     public const int N = 1;", error.Message);
        Assert.Contains("\"{version}\"", File.ReadAllText(dir.File("Case#Foo.g.received.cs")));
    }

    [Fact]
    public void Accepting_writes_the_verified_files_and_later_runs_match()
    {
        using var dir = new TempDirectory();
        using (AcceptVariable.On())
        {
            Run(Sources.FooAndBad).Verify(Name, dir.Path);
        }

        Assert.Equal(["Case#Foo.g.verified.cs", "Case#MarkAttribute.g.verified.cs", "Case.diagnostics.verified.txt"], dir.Names());
        Assert.Contains("^^^", File.ReadAllText(dir.File("Case.diagnostics.verified.txt")));
        using var _ = AcceptVariable.Off();
        Run(Sources.FooAndBad).Verify(Name, dir.Path);
    }

    [Fact]
    public void A_match_passes_and_removes_stale_received_files()
    {
        using var dir = Accepted(Sources.Foo);
        using var _ = AcceptVariable.Off();
        File.WriteAllText(dir.File("Case#Foo.g.received.cs"), "old");
        File.WriteAllText(dir.File("Case#Gone.g.received.cs"), "old");

        Run(Sources.Foo).Verify(Name, dir.Path);

        Assert.Equal(["Case#Foo.g.verified.cs", "Case#MarkAttribute.g.verified.cs"], dir.Names());
    }

    [Fact]
    public void A_mismatch_throws_with_a_diff_of_the_changed_line_and_writes_the_received_file()
    {
        using var dir = Accepted(Sources.Foo);
        using var _ = AcceptVariable.Off();
        var verified = dir.File("Case#Foo.g.verified.cs");
        File.WriteAllText(verified, File.ReadAllText(verified).Replace("N = 1", "N = 2", StringComparison.Ordinal));

        var error = Assert.Throws<SnapshotMismatchException>(() => Run(Sources.Foo).Verify(Name, dir.Path));

        var mismatch = Assert.Single(error.Mismatches);
        Assert.Equal(SnapshotMismatchKind.Different, mismatch.Kind);
        Assert.Equal(dir.File("Case#Foo.g.received.cs"), mismatch.ReceivedPath);
        Assert.Contains("-    5:     public const int N = 2;\n+    5:     public const int N = 1;\n", error.Message);
        Assert.Contains("N = 1", File.ReadAllText(mismatch.ReceivedPath!));
        Assert.Contains("N = 2", File.ReadAllText(verified));
    }

    [Fact]
    public void The_generator_version_is_scrubbed_so_a_new_version_still_matches()
    {
        using var dir = Accepted(Sources.Foo, version: "1.0.0");
        using var _ = AcceptVariable.Off();

        Run(Sources.Foo, version: "2.3.4-preview.5").Verify(Name, dir.Path);

        Assert.Contains("""[System.CodeDom.Compiler.GeneratedCode("MarkGenerator", "{version}")]""", File.ReadAllText(dir.File("Case#Foo.g.verified.cs")));
    }

    [Fact]
    public void Verified_files_with_crlf_line_endings_match()
    {
        using var dir = Accepted(Sources.Foo);
        using var _ = AcceptVariable.Off();
        var verified = dir.File("Case#Foo.g.verified.cs");
        File.WriteAllText(verified, File.ReadAllText(verified).ReplaceLineEndings("\r\n"));

        Run(Sources.Foo).Verify(Name, dir.Path);
    }

    [Fact]
    public void Diagnostics_must_be_absent_when_the_generator_reports_none()
    {
        using var dir = Accepted(Sources.FooAndBad);
        using var _ = AcceptVariable.Off();

        var error = Assert.Throws<SnapshotMismatchException>(() => Run(Sources.Foo).Verify(Name, dir.Path));

        var mismatch = Assert.Single(error.Mismatches);
        Assert.Equal(SnapshotMismatchKind.NoLongerProduced, mismatch.Kind);
        Assert.Equal(dir.File("Case.diagnostics.verified.txt"), mismatch.VerifiedPath);
        Assert.Contains("-    1: TEST001 error: Class 'Bad' must not be marked", error.Message);
    }

    [Fact]
    public void New_diagnostics_are_a_mismatch()
    {
        using var dir = Accepted(Sources.Foo);
        using var _ = AcceptVariable.Off();

        var error = Assert.Throws<SnapshotMismatchException>(() => Run(Sources.FooAndBad).Verify(Name, dir.Path));

        Assert.Equal(dir.File("Case.diagnostics.received.txt"), Assert.Single(error.Mismatches).ReceivedPath);
        Assert.Contains("+    2:   at Source0.cs:5:15", error.Message);
    }

    [Fact]
    public void A_verified_file_no_longer_generated_is_a_mismatch_until_accepted()
    {
        using var dir = Accepted(Sources.FooAndZed);
        using (AcceptVariable.Off())
        {
            var error = Assert.Throws<SnapshotMismatchException>(() => Run(Sources.Foo).Verify(Name, dir.Path));
            var mismatch = Assert.Single(error.Mismatches);
            Assert.Equal((SnapshotMismatchKind.NoLongerProduced, dir.File("Case#Zed.g.verified.cs"), (string?)null), (mismatch.Kind, mismatch.VerifiedPath, mismatch.ReceivedPath));
        }

        using (AcceptVariable.On())
        {
            Run(Sources.Foo).Verify(Name, dir.Path);
        }

        Assert.Equal(["Case#Foo.g.verified.cs", "Case#MarkAttribute.g.verified.cs"], dir.Names());
    }

    [Fact]
    public void By_default_the_name_is_the_caller_file_and_member()
    {
        using var dir = Accepted(Sources.Foo);
        using var _ = AcceptVariable.On();

        Run(Sources.Foo).Verify(directory: dir.Path);

        Assert.Contains("VerifyTests.By_default_the_name_is_the_caller_file_and_member#Foo.g.verified.cs", dir.Names());
    }

    [Fact]
    public void The_accept_variable_is_restored()
    {
        var before = Environment.GetEnvironmentVariable("ALIGNDSL_ACCEPT");
        using (AcceptVariable.On())
        {
            Assert.Equal("1", Environment.GetEnvironmentVariable("ALIGNDSL_ACCEPT"));
        }

        Assert.Equal(before, Environment.GetEnvironmentVariable("ALIGNDSL_ACCEPT"));
    }

    private static GeneratorRun Run(string source, string version = "1.0.0") =>
        GeneratorSnapshots.Run(new MarkGenerator(version), source);

    private static TempDirectory Accepted(string source, string version = "1.0.0")
    {
        var dir = new TempDirectory();
        using (AcceptVariable.On())
        {
            Run(source, version).Verify(Name, dir.Path);
        }

        return dir;
    }
}
