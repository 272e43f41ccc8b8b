namespace AlignDsl.Reports;

/// <summary>A figure the report links to, or, with <see cref="Skipped"/>, why it could not be drawn.</summary>
internal sealed record PlotOutcome(string FileName, string Title, string? Skipped = null);
