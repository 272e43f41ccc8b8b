namespace AlignDsl.Guards;

/// <summary>
/// The guards' memory over one run: every metrics read and every evaluation's judge figure, each checked by the
/// detectors as it arrives. Reads only host numbers (the metric means the run already read), so watching costs no
/// device transfer. Each signal is reported once, when it first fires; later firings are counted.
/// </summary>
public sealed class FailureModeGuards(GuardSettings settings)
{
    private readonly List<GuardReading> _readings = [];
    private readonly Dictionary<string, GuardEvent> _events = [];
    private readonly List<string> _order = [];
    private (int Step, double Measure, double? Reward)? _lastJudged;

    public GuardSettings Settings { get; } = settings;

    /// <summary>Every signal that fired, in the order each first fired.</summary>
    public IReadOnlyList<GuardEvent> Events => _order.Select(s => _events[s]).ToList();

    /// <summary>Checks one metrics read; returns the signals that fire for the first time.</summary>
    public IReadOnlyList<GuardFinding> Observe(GuardReading reading)
    {
        _readings.Add(reading);
        return Record(KlExplosion.Check(_readings, Settings)
            .Concat(RewardHacking.CheckLength(_readings, Settings))
            .Concat(Collapse.Check(_readings, Settings)));
    }

    /// <summary>Checks one evaluation's judge figure against the previous evaluation; returns the signals that fire for the first time.</summary>
    public IReadOnlyList<GuardFinding> ObserveEvaluation(int step, IReadOnlyDictionary<string, double> figures)
    {
        var name = RewardHacking.JudgeMeasures.FirstOrDefault(m => figures.TryGetValue(m, out var v) && double.IsFinite(v));
        if (name is null) return [];
        var measure = figures[name];
        // The reward "at" an evaluation: the newest read at or before it; before training, the first read there is.
        var reward = _readings.LastOrDefault(r => r.Step <= step && r.Score is not null)?.Score
            ?? (step == 0 ? null : _readings.FirstOrDefault(r => r.Score is not null)?.Score);
        var previous = _lastJudged;
        _lastJudged = (step, measure, reward);
        if (previous is not { } p) return [];
        var previousReward = p.Reward ?? _readings.FirstOrDefault(r => r.Score is not null)?.Score;
        return Record(RewardHacking.CheckJudge(p.Step, p.Measure, previousReward, step, measure, reward, name, Settings));
    }

    private List<GuardFinding> Record(IEnumerable<GuardFinding> findings)
    {
        var fresh = new List<GuardFinding>();
        foreach (var finding in findings)
        {
            if (_events.TryGetValue(finding.Signal, out var seen))
            {
                _events[finding.Signal] = seen with { Count = seen.Count + 1, LastStep = finding.Step };
                continue;
            }
            _events[finding.Signal] = new GuardEvent(finding, 1, finding.Step);
            _order.Add(finding.Signal);
            fresh.Add(finding);
        }
        return fresh;
    }
}
