namespace AlignDsl.Reporting;

/// <summary>How far a long piece of data work (reading or tokenizing a large file) has come, for a progress line.</summary>
/// <param name="Task">What is being done, e.g. "tokenizing data/pairs.jsonl".</param>
/// <param name="Fraction">Done so far, from 0 to 1.</param>
/// <param name="Rows">Rows handled so far.</param>
/// <param name="Unit">What a row is ("rows", "pairs").</param>
public sealed record DataProgress(string Task, double Fraction, long Rows, string Unit, TimeSpan Elapsed)
{
    public bool Done => Fraction >= 1;

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}
