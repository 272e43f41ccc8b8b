using AlignDsl.Checkpointing;

namespace AlignDsl;

/// <summary>
/// Ctrl+C and SIGTERM: the run keeps a checkpoint of the last step it trained, so <c>--resume</c> loses nothing. A cancel
/// seen between steps saves that step; one that interrupts an evaluation inside the loop saves the step before it,
/// marked so that the resumed run makes that evaluation first.
/// </summary>
public sealed partial class RunContext
{
    private TrainingState? _cancelState;
    private int _cancelKeep;
    private CancellationToken _cancellation;
    private int _lastTrainedStep;

    /// <summary>
    /// At the top of each step: if the run was cancelled, saves a checkpoint of the last step trained (when none holds
    /// it yet), then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public void StopIfCancelled(TrainingState state, int keepCheckpoints, CancellationToken cancellationToken)
    {
        (_cancelState, _cancelKeep, _cancellation) = (state, keepCheckpoints, cancellationToken);
        if (!cancellationToken.IsCancellationRequested) return;
        SaveAtCancel(pendingEvaluation: null);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>An evaluation point was left unfinished: when a cancel did it inside the loop, keep the step it followed.</summary>
    internal void EvaluationAbandoned(int step)
    {
        if (_cancellation.IsCancellationRequested && step == _lastTrainedStep && step > 0 && step < _steps) SaveAtCancel(pendingEvaluation: step);
    }

    private void SaveAtCancel(int? pendingEvaluation)
    {
        if (_cancelState is null || _lastTrainedStep <= (CheckpointStore.LatestStep(RunDirectory) ?? _resumedStep)) return;
        SaveCheckpoint(_lastTrainedStep, _cancelState, _cancelKeep, pendingEvaluation);
        _observer.Status($"stopped: a checkpoint of step {_lastTrainedStep} is kept; `run {Experiment.Name} --resume` continues from it");
    }
}
