using AlignDsl.Generators.Model;
using static AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Emitting;

/// <summary>
/// The parts of a generated file that depend on the objective: its constants, resident models, set-up (data and
/// models) and the training step. One subclass per objective.
/// </summary>
internal abstract class ObjectiveEmitter(ExperimentModel experiment)
{
    protected const string Data = "global::AlignDsl.Data";

    protected ExperimentModel Experiment { get; } = experiment;

    public static ObjectiveEmitter For(ExperimentModel experiment) => experiment.Objective!.Kind switch
    {
        ObjectiveKindModel.Dpo => new DpoEmitter(experiment),
        _ => new SftEmitter(experiment),
    };

    /// <summary>The member of <c>AlignDsl.ObjectiveKind</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The member of <c>AlignDsl.DataShape</c>.</summary>
    public abstract string DataShape { get; }

    /// <summary>The class summary of the generated file.</summary>
    public abstract string Summary { get; }

    public virtual IEnumerable<string> Constants() => [];

    public abstract IEnumerable<(string Role, bool Trainable)> ResidentModels();

    /// <summary>The arguments naming the models, as passed to <c>TrainStep</c>.</summary>
    public abstract string TrainStepModels { get; }

    /// <summary>Declares <c>train</c> (tokenized training data), <c>policy</c>, any other model, and <c>evalContext</c>.</summary>
    public abstract void EmitSetUp(CodeWriter w);

    public abstract void EmitTrainStep(CodeWriter w);

    /// <summary>The gym task, or the JSONL reader call, that yields a training/held-out split.</summary>
    protected string ReadSplit(string gymSplit, string jsonlReader)
    {
        var data = Experiment.Data!;
        return data.Kind == DataKindModel.Gym
            ? $"run.Gym({Data}.GymTask.{data.GymTask}).{gymSplit}()"
            : $"{Data}.JsonlReader.ReadSplit({Literal(data.Path)}, {Literal(data.HeldOutPath)}, {Data}.JsonlReader.{jsonlReader})";
    }

    protected string DataComment(string shape) => Experiment.Data!.Kind == DataKindModel.Gym
        ? $"// Data: {shape} from the gym ({Experiment.Data.GymTask}); held-out prompts never seen in training."
        : $"// Data: {shape} from {Experiment.Data.Path}{(Experiment.Data.HeldOutPath is null ? ", its last tenth held out" : ", held out: " + Experiment.Data.HeldOutPath)}.";

    /// <summary>Declares <c>policy</c>: a checkpoint of the experiment it starts from, or a fresh model.</summary>
    protected void EmitPolicy(CodeWriter w, string trainTexts)
    {
        if (Experiment.Policy.InitFromName is { } parent)
        {
            w.Line($"using var policy = run.LoadPolicy({ExperimentEmitter.Quote(parent)});");
            return;
        }
        w.Line($"using var policy = run.NewPolicy(PolicySize, {Data}.Texts.Of({trainTexts}));");
    }

    protected string PolicyOrigin => Experiment.Policy.InitFromName is { } parent
        ? $"the policy starts from {parent}'s trained checkpoint"
        : "a fresh tiny GPT whose vocabulary covers the data";

    protected static void EmitOptimiserStep(CodeWriter w, string output)
    {
        w.Line($"{output}.Loss.backward();");
        w.Line("optimizer.ClipAndStep();");
        w.Line("// Metrics stay on the device; the run reads them every LogEvery steps.");
        w.Line($"metrics.Add({output});");
        w.Line("metrics.Add(\"grad_norm\", optimizer.GradNorm);");
    }
}
