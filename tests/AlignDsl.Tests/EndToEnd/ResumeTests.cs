using AlignDsl.Evaluation;
using AlignDsl.Reporting;
using AlignDsl.Running;

namespace AlignDsl.Tests.EndToEnd;

/// <summary>
/// A run stopped mid-way (as by <c>kill -9</c>: nothing after the step runs) and resumed with <c>--resume</c> ends with
/// the same <c>metrics.jsonl</c> and the same final weights as a run never stopped, for SFT and for PPO; a final
/// evaluation that fails keeps the trained weights, and resuming reruns only the evaluation.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-resume-{Guid.NewGuid():N}");

    /// <summary>Stands in for the process dying: thrown from the observer, so nothing after that point runs.</summary>
    private sealed class Crash : Exception;

    private sealed class CrashAt(int step = -1, string? evaluation = null) : IRunObserver
    {
        public void RunStarted(ExperimentDescriptor experiment, int steps, string runDirectory) { }
        public void StepCompleted(int s, int steps, IReadOnlyDictionary<string, double> latest) { if (s == step) throw new Crash(); }
        public void EvaluationCompleted(EvalReport report) { if (report.Label == evaluation) throw new Crash(); }
        public void Warning(string message) { }
        public void RunFinished(RunResult result) { }
    }

    private async Task<string> CrashedRun(ExperimentDescriptor experiment, Func<RunContext, Task> run, IRunObserver crash)
    {
        using (var context = new RunContext(experiment, new RunOptions { OutputRoot = _root, Device = "cpu" }, crash))
            await Assert.ThrowsAsync<Crash>(() => run(context));
        return Directory.GetDirectories(Path.Combine(_root, experiment.Name), "*" + RunStore.IncompleteSuffix).Single();
    }

    private async Task<string> Finished(params string[] args)
    {
        var (exitCode, output, error) = await Host.RunAsync([.. args, "--out", _root, "--device", "cpu"]);
        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        return Host.Runs(_root, args[1]).Last(d => !d.EndsWith(RunStore.IncompleteSuffix, StringComparison.Ordinal));
    }

    private static void AssertSameRun(string expected, string actual)
    {
        Assert.Equal(File.ReadAllLines(Path.Combine(expected, "metrics.jsonl")), File.ReadAllLines(Path.Combine(actual, "metrics.jsonl")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(expected, "checkpoint", "model.safetensors")),
            File.ReadAllBytes(Path.Combine(actual, "checkpoint", "model.safetensors")));
        Assert.Equal(Host.Summary(expected)["eval"]!.ToJsonString(), Host.Summary(actual)["eval"]!.ToJsonString());
    }

    [Fact]
    public async Task Sft_stopped_at_step_7_and_resumed_equals_an_uninterrupted_run()
    {
        var uninterrupted = await Finished("run", "test-resume-sft");

        var stopped = await CrashedRun(TestResumeSft.Descriptor, run => TestResumeSft.RunAsync(run), new CrashAt(step: 7));
        var summary = Host.Summary(stopped);
        Assert.Equal(RunStatus.Interrupted, summary["status"]!.GetValue<string>());
        Assert.Equal(4, summary["last_checkpoint_step"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(stopped, "checkpoints", "step-000004", "model", "model.safetensors")));

        var resumed = await Finished("run", "test-resume-sft", "--resume", stopped);
        Assert.Equal(Path.GetFileName(stopped)[..^RunStore.IncompleteSuffix.Length], Path.GetFileName(resumed));
        AssertSameRun(uninterrupted, resumed);
        Assert.False(Directory.Exists(Path.Combine(resumed, "checkpoints")));
    }

    [Fact]
    public async Task Ppo_stopped_at_step_3_and_resumed_equals_an_uninterrupted_run()
    {
        var uninterrupted = await Finished("run", "test-resume-ppo");

        var stopped = await CrashedRun(TestResumePpo.Descriptor, run => TestResumePpo.RunAsync(run), new CrashAt(step: 3));
        Assert.Equal(2, Host.Summary(stopped)["last_checkpoint_step"]!.GetValue<int>());

        var resumed = await Finished("run", "test-resume-ppo", "--resume", "latest");
        AssertSameRun(uninterrupted, resumed);

        // 2 epochs × 2 mini-batches: the schedule counts 4 updates a step and the last step's last update ends it at its floor.
        var last = File.ReadLines(Path.Combine(uninterrupted, "metrics.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)
            .Last(l => l["kind"]!.GetValue<string>() == "train");
        var schedule = new AlignDsl.Training.LearningRateSchedule(1e-3, 1 * 4, 6 * 4);
        Assert.Equal(schedule.At(6 * 4), last["learning_rate"]!.GetValue<double>(), 9);
        Assert.NotEqual(schedule.At(6 * 2), schedule.At(6 * 4), 9);
        // The adaptive controller moved β from KlCoefficient, and the checkpoint carried it across the stop.
        Assert.NotEqual(0.05, last["objective/kl_coef"]!.GetValue<double>(), 6);
    }

    /// <summary>Cancels the run (as Ctrl+C or SIGTERM do) once it has trained <paramref name="step"/>.</summary>
    private sealed class CancelAfter(int step, CancellationTokenSource cancel) : IRunObserver
    {
        public void RunStarted(ExperimentDescriptor experiment, int steps, string runDirectory) { }
        public void StepCompleted(int s, int steps, IReadOnlyDictionary<string, double> latest) { if (s == step) cancel.Cancel(); }
        public void EvaluationCompleted(EvalReport report) { }
        public void Warning(string message) { }
        public void RunFinished(RunResult result) { }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task A_cancelled_run_keeps_a_checkpoint_of_its_last_step_and_resumes_to_an_uninterrupted_run(int step)
    {
        var uninterrupted = await Finished("run", "test-resume-sft");

        using var cancel = new CancellationTokenSource();
        string stopped;
        using (var context = new RunContext(TestResumeSft.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" }, new CancelAfter(step, cancel)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestResumeSft.RunAsync(context, cancel.Token));
        stopped = Directory.GetDirectories(Path.Combine(_root, "test-resume-sft"), "*" + RunStore.IncompleteSuffix).Single();
        // Checkpoints come every 4 steps: the one kept is of the cancelled step itself, not step 4.
        var summary = Host.Summary(stopped);
        Assert.Equal(RunStatus.Interrupted, summary["status"]!.GetValue<string>());
        Assert.Equal(step, summary["last_checkpoint_step"]!.GetValue<int>());

        var resumed = await Finished("run", "test-resume-sft", "--resume", stopped);
        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public async Task Bf16_dpo_with_checkpointing_stopped_and_resumed_equals_an_uninterrupted_run()
    {
        var uninterrupted = await Finished("run", "test-resume-dpo-bf16");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(uninterrupted, "checkpoint", "config.json")))!;
        Assert.Equal("bfloat16", config["torch_dtype"]!.GetValue<string>());
        Assert.Contains("\"precision\": \"bf16\"", File.ReadAllText(Path.Combine(uninterrupted, "summary.json")));

        var stopped = await CrashedRun(TestResumeDpoBf16.Descriptor, run => TestResumeDpoBf16.RunAsync(run), new CrashAt(step: 3));
        Assert.Equal(2, Host.Summary(stopped)["last_checkpoint_step"]!.GetValue<int>());

        var resumed = await Finished("run", "test-resume-dpo-bf16", "--resume", "latest");
        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public async Task Lora_dpo_stopped_at_step_3_and_resumed_equals_an_uninterrupted_run()
    {
        var uninterrupted = await Finished("run", "test-resume-lora-dpo");
        Assert.True(File.Exists(Path.Combine(uninterrupted, "checkpoint", "adapter", "adapter_model.safetensors")));

        var stopped = await CrashedRun(TestResumeLoraDpo.Descriptor, run => TestResumeLoraDpo.RunAsync(run), new CrashAt(step: 3));
        Assert.Equal(2, Host.Summary(stopped)["last_checkpoint_step"]!.GetValue<int>());

        var resumed = await Finished("run", "test-resume-lora-dpo", "--resume", "latest");
        AssertSameRun(uninterrupted, resumed);
        Assert.Equal(File.ReadAllBytes(Path.Combine(uninterrupted, "checkpoint", "adapter", "adapter_model.safetensors")),
            File.ReadAllBytes(Path.Combine(resumed, "checkpoint", "adapter", "adapter_model.safetensors")));
    }

    [Fact]
    public async Task Lora_ppo_holds_no_reference_copy_and_resumes_exactly()
    {
        var uninterrupted = await Finished("run", "test-resume-lora-ppo");
        var summary = Host.Summary(uninterrupted);
        Assert.Equal(["policy (trainable)", "value model (trainable)"], summary["resident_models"]!.AsArray().Select(m => m!.GetValue<string>()));
        // The reference is the base: once the adapters have trained, the policy's KL to it is no longer zero.
        var kl = File.ReadLines(Path.Combine(uninterrupted, "metrics.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)
            .Where(n => n["objective/kl"] is not null).Select(n => Math.Abs(n["objective/kl"]!.GetValue<double>())).ToList();
        Assert.True(kl[^1] > 1e-6, string.Join(", ", kl));

        await CrashedRun(TestResumeLoraPpo.Descriptor, run => TestResumeLoraPpo.RunAsync(run), new CrashAt(step: 3));
        var resumed = await Finished("run", "test-resume-lora-ppo", "--resume", "latest");
        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public async Task A_failing_final_evaluation_keeps_the_weights_and_resume_reruns_only_the_evaluation()
    {
        var uninterrupted = await Finished("run", "test-resume-sft");

        var stopped = await CrashedRun(TestResumeSft.Descriptor, run => TestResumeSft.RunAsync(run), new CrashAt(evaluation: "after"));
        Assert.Equal(RunStatus.EvaluationFailed, Host.Summary(stopped)["status"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(stopped, "checkpoints", "step-000012", "model", "model.safetensors")));

        var (exitCode, output, error) = await Host.RunAsync("run", "test-resume-sft", "--resume", "latest", "--out", _root, "--device", "cpu");
        Assert.True(exitCode == 0, error);
        // Nothing was trained again: the progress line never shows an earlier step.
        Assert.DoesNotContain(" 1/12", output);
        AssertSameRun(uninterrupted, Host.Runs(_root, "test-resume-sft").Last());
    }

    [Fact]
    public async Task Runs_lists_a_stopped_run_and_prune_removes_it()
    {
        var stopped = await CrashedRun(TestResumeSft.Descriptor, run => TestResumeSft.RunAsync(run), new CrashAt(step: 5));
        var (exitCode, output, _) = await Host.RunAsync("runs", "--out", _root);
        Assert.Equal(0, exitCode);
        Assert.Contains(Path.GetFileName(stopped), output);
        Assert.Contains(RunStatus.Interrupted, output);

        (exitCode, output, _) = await Host.RunAsync("runs", "--out", _root, "--prune");
        Assert.Equal(0, exitCode);
        Assert.Contains("Removed 1", output);
        Assert.False(Directory.Exists(stopped));
    }

    [Fact]
    public async Task A_run_stopped_before_its_first_checkpoint_leaves_nothing()
    {
        await CrashedRunExpectingNoFolder();

        async Task CrashedRunExpectingNoFolder()
        {
            using (var context = new RunContext(TestResumeSft.Descriptor, new RunOptions { OutputRoot = _root, Device = "cpu" }, new CrashAt(step: 2)))
                await Assert.ThrowsAsync<Crash>(() => TestResumeSft.RunAsync(context));
            Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "test-resume-sft")));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
