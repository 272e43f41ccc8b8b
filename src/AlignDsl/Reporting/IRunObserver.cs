using AlignDsl.Evaluation;

namespace AlignDsl.Reporting;

/// <summary>Hears a run's progress: the console host draws it, tests mostly ignore it.</summary>
public interface IRunObserver
{
    void RunStarted(ExperimentDescriptor experiment, int steps, string runDirectory);

    /// <summary>After every step; <paramref name="latest"/> holds the metrics of the last logging interval.</summary>
    void StepCompleted(int step, int steps, IReadOnlyDictionary<string, double> latest);

    void EvaluationCompleted(EvalReport report);

    /// <summary>What the run is doing between steps (labelling data, loading models), for long work without steps.</summary>
    void Status(string message) { }

    /// <summary>Reading or tokenizing a large data file, a few times a second and once at the end (<see cref="DataProgress.Done"/>).</summary>
    void Progress(DataProgress progress) { }

    /// <summary>Something the user should know that does not stop the run (low annotator agreement, …).</summary>
    void Warning(string message);

    void RunFinished(RunResult result);
}

/// <summary>An observer that does nothing.</summary>
public sealed class SilentObserver : IRunObserver
{
    public static SilentObserver Instance { get; } = new();

    public void RunStarted(ExperimentDescriptor experiment, int steps, string runDirectory) { }
    public void StepCompleted(int step, int steps, IReadOnlyDictionary<string, double> latest) { }
    public void EvaluationCompleted(EvalReport report) { }
    public void Warning(string message) { }
    public void RunFinished(RunResult result) { }
}
