namespace AlignDsl.Sweeps;

/// <summary>Where one experiment sits in its sweep: the sweep's name (the declaration's), the swept setting and this member's value.</summary>
public sealed record SweepPoint(string Sweep, string Setting, double Value);
