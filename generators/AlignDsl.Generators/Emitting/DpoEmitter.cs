using static AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Emitting;

/// <summary>DPO: a trainable policy and a frozen reference; chosen and rejected go through each model in one pass.</summary>
internal sealed class DpoEmitter(Model.ExperimentModel experiment) : ObjectiveEmitter(experiment)
{
    public override string Kind => "Dpo";
    public override string DataShape => "Pairs";
    public override string Summary =>
        "Direct Preference Optimisation: −log σ(β·[log π/π_ref(chosen) − log π/π_ref(rejected)]). Resident: the policy and a frozen reference.";
    public override string TrainStepModels => "policy, reference";

    public override IEnumerable<string> Constants() =>
    [
        $"private const double Beta = {Literal(Experiment.Objective!.Beta)};",
        $"private const double LabelSmoothing = {Literal(Experiment.Objective.LabelSmoothing)};",
    ];

    public override IEnumerable<(string Role, bool Trainable)> ResidentModels() => [("policy", true), ("reference", false)];

    public override void EmitSetUp(CodeWriter w)
    {
        w.Line(DataComment("preference pairs"));
        w.Line($"var pairs = {ReadSplit("Pairs", "ReadPairs")};");
        w.Line();
        w.Line($"// Models: {PolicyOrigin}; the reference is a frozen copy of it.");
        EmitPolicy(w, "pairs.Train");
        w.Line("using var reference = policy.FrozenCopy();");
        w.Line($"var train = {Data}.PreferenceData.Tokenize(pairs.Train, policy.Tokenizer, MaxLength);");
        w.Line("var evalContext = run.EvalContext(policy, reference, Beta,");
        w.Line($"    {Data}.PreferenceData.Tokenize(pairs.HeldOut, policy.Tokenizer, MaxLength));");
    }

    public override void EmitTrainStep(CodeWriter w)
    {
        w.Line("/// <summary>");
        w.Line("/// One DPO step. The batch holds the chosen rows then the rejected rows, so each model runs one forward pass;");
        w.Line("/// the reference runs without gradients.");
        w.Line("/// </summary>");
        w.Line("private static void TrainStep(global::AlignDsl.Models.Policy policy, global::AlignDsl.Models.Policy reference,");
        w.Line("    global::AlignDsl.Data.SequenceTensors batch, global::AlignDsl.Training.Optimizer optimizer, global::AlignDsl.Reporting.MetricSet metrics)");
        w.OpenBrace();
        w.Line("optimizer.ZeroGrad();");
        w.Line("var (policyChosen, policyRejected) = policy.CompletionLogProbs(batch).SplitPairs();");
        w.Line("global::AlignDsl.Models.SequenceLogProbs referenceChosen, referenceRejected;");
        w.Line("using (global::TorchSharp.torch.no_grad())");
        w.Line("    (referenceChosen, referenceRejected) = reference.CompletionLogProbs(batch).SplitPairs();");
        w.Line("var dpo = global::AlignDsl.Objectives.Dpo.Sigmoid(");
        w.Line("    policyChosen.Sum, policyRejected.Sum, referenceChosen.Sum, referenceRejected.Sum, Beta, LabelSmoothing);");
        EmitOptimiserStep(w, "dpo");
        w.CloseBrace();
    }
}
