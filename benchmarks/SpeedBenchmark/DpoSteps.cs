using System.Diagnostics;
using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Generated;
using AlignDsl.Models;
using AlignDsl.Reporting;
using AlignDsl.Running;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace SpeedBenchmark;

/// <summary>
/// The generated DPO step (speed-dpo, batches bucketed by length) against a DPO loop written here in plain TorchSharp
/// on the same pairs, shape and threads, each batch padded to its longest row, interleaved in this process: median step
/// time, real (non-padding) tokens per second, and MFU against a 512³ matmul timed in the same process (8 FLOPs per
/// parameter per real token: the policy's forward and backward, the reference's forward).
/// </summary>
internal static class DpoSteps
{
    public static async Task RunAsync(int repeats)
    {
        var entry = GeneratedExperiments.All.Single(e => e.Name == "speed-dpo");
        var steps = entry.Descriptor.Training.Steps;
        var (generatedStep, generatedRate, plainStep, plainRate) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        long parameters = 0;
        for (var r = 0; r < repeats; r++)
        {
            var root = Path.Combine(Path.GetTempPath(), $"aligndsl-speed-{Guid.NewGuid():N}");
            var clock = new StepClock();
            try
            {
                using var run = new RunContext(entry.Descriptor, new RunOptions { OutputRoot = root, Device = "cpu" }, clock);
                var result = await entry.Run(run, CancellationToken.None);
                generatedStep.Add(clock.MedianMilliseconds);
                generatedRate.Add(result.TokensPerSecond);
            }
            finally
            {
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            }
            var (step, rate, count) = Plain(steps, seed: 42 + r);
            parameters = count;
            plainStep.Add(step);
            plainRate.Add(rate);
        }
        var gemm = GemmFlops();
        double Mfu(double tokensPerSecond) => tokensPerSecond * 8.0 * parameters / gemm;
        var (gs, gr, ps, pr) = (Stats.Median(generatedStep), Stats.Median(generatedRate), Stats.Median(plainStep), Stats.Median(plainRate));
        Console.WriteLine($"DPO step at the QuickStart's shape ({parameters:N0} parameters), {steps} steps, median of {repeats} interleaved runs; threads {get_num_threads()}; load {Stats.Load()}; matmul {gemm / 1e9:F1} GFLOP/s");
        Console.WriteLine($"{"",22} {"step ms",8} {"real tokens/s",14} {"MFU",6}");
        Console.WriteLine($"{"generated (bucketed)",22} {gs,8:F1} {gr,14:F0} {Mfu(gr),6:P1}");
        Console.WriteLine($"{"plain loop (padded)",22} {ps,8:F1} {pr,14:F0} {Mfu(pr),6:P1}");
        Console.WriteLine($"real tokens/s, generated / plain: {gr / pr:F2}; step time, plain / generated: {ps / gs:F2}");
    }

    /// <summary>The plain loop: median step milliseconds, real tokens per second, parameter count.</summary>
    private static (double StepMilliseconds, double TokensPerSecond, long Parameters) Plain(int steps, int seed)
    {
        var pairs = new Gym(GymTask.HelpfulHarmless, 42).Pairs().Train;
        var tokenizer = CompactTokenizer.FromCorpus(pairs.SelectMany(p => new[] { p.Prompt, p.Chosen, p.Rejected }).Concat(Gym.Corpus()));
        var data = PreferenceData.Tokenize(pairs, tokenizer, 48);
        random.manual_seed(seed);
        using var policy = new TinyGpt(new ModelConfig(2, 96, 4, 64, tokenizer.VocabularySize));
        using var reference = new TinyGpt(new ModelConfig(2, 96, 4, 64, tokenizer.VocabularySize));
        reference.load_state_dict(policy.state_dict());
        foreach (var p in reference.parameters()) p.requires_grad = false;
        reference.eval();
        using var optimizer = optim.AdamW(policy.parameters(), lr: 3e-5, weight_decay: 0);
        CpuThreads.Apply(CpuThreads.Choose(0, policy.parameters().Sum(p => p.numel())));
        var order = new Random(seed);
        var indices = Enumerable.Range(0, data.Pairs.Count).ToArray();
        var times = new List<double>();
        long tokens = 0;
        var total = Stopwatch.StartNew();
        for (var s = 0; s < steps; s++)
        {
            if (s * 16 % indices.Length < 16) order.Shuffle(indices);
            var chosen = Enumerable.Range(s * 16, 16).Select(i => indices[i % indices.Length]).ToList();
            var batch = new SequenceBatch(chosen.Select(i => data.Pairs[i].Chosen).Concat(chosen.Select(i => data.Pairs[i].Rejected)).ToList());
            tokens += batch.TokenCount;
            times.Add(Stats.Milliseconds(() => Step(policy, reference, optimizer, batch)));
        }
        return (Stats.Median(times), tokens / total.Elapsed.TotalSeconds, policy.parameters().Sum(p => p.numel()));
    }

    private static void Step(TinyGpt policy, TinyGpt reference, TorchSharp.Modules.AdamW optimizer, SequenceBatch batch)
    {
        using var scope = NewDisposeScope();
        var tensors = batch.ToDevice(CPU);
        optimizer.zero_grad();
        var (chosen, rejected) = LogProbs(policy, tensors);
        Tensor referenceChosen, referenceRejected;
        using (no_grad()) (referenceChosen, referenceRejected) = LogProbs(reference, tensors);
        var loss = -nn.functional.logsigmoid(0.1 * ((chosen - referenceChosen) - (rejected - referenceRejected))).mean();
        loss.backward();
        nn.utils.clip_grad_norm_(policy.parameters(), 1.0);
        optimizer.step();
    }

    private static (Tensor Chosen, Tensor Rejected) LogProbs(TinyGpt model, SequenceTensors batch)
    {
        var logits = model.forward(batch.Tokens[.., ..^1]);
        var targets = batch.Tokens[.., 1..];
        var perToken = -nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), reduction: nn.Reduction.None).view(targets.shape);
        var sums = (perToken * batch.LossMask).sum(1);
        var half = (int)(sums.shape[0] / 2);
        return (sums[..half], sums[half..]);
    }

    /// <summary>FLOP/s of a 512³ fp32 matmul on the run's threads: the ceiling MFU is measured against.</summary>
    private static double GemmFlops()
    {
        using var scope = NewDisposeScope();
        var a = randn(512, 512);
        _ = a.matmul(a);
        var times = Enumerable.Range(0, 7).Select(_ => Stats.Milliseconds(() => a.matmul(a).sum().item<float>())).ToList();
        return 2.0 * 512 * 512 * 512 / (Stats.Median(times) / 1000);
    }

    /// <summary>Times between consecutive steps of a generated run (its first step, which warms up, is left out).</summary>
    private sealed class StepClock : IRunObserver
    {
        private readonly Stopwatch _watch = new();
        private readonly List<double> _times = [];
        private double _last;

        public double MedianMilliseconds => Stats.Median(_times.Skip(1));

        public void RunStarted(ExperimentDescriptor experiment, int steps, string runDirectory) => _watch.Restart();

        public void StepCompleted(int step, int steps, IReadOnlyDictionary<string, double> latest)
        {
            var now = _watch.Elapsed.TotalMilliseconds;
            _times.Add(now - _last);
            _last = now;
        }

        public void EvaluationCompleted(EvalReport report) { }
        public void Warning(string message) { }
        public void RunFinished(RunResult result) { }
    }
}
