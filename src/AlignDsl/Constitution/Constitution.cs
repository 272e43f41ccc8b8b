using System.Globalization;

namespace AlignDsl.Constitution;

/// <summary>
/// The principles that AI feedback and critique-and-revision apply, each sampled in proportion to its weight.
/// Checked on construction, as the generator checks declared principles, so a run never starts with a constitution
/// it cannot apply.
/// </summary>
public sealed record Constitution
{
    public Constitution(IReadOnlyList<Principle> principles)
    {
        Validate(principles);
        Principles = principles.ToList();
        TotalWeight = Principles.Sum(p => p.Weight);
    }

    public IReadOnlyList<Principle> Principles { get; }

    private double TotalWeight { get; }

    /// <summary>The principle with this id, or null.</summary>
    public Principle? Find(string id) => Principles.FirstOrDefault(p => p.Id == id);

    /// <summary>One principle, drawn with probability weight / total weight.</summary>
    public Principle Sample(Random random)
    {
        var draw = random.NextDouble() * TotalWeight;
        foreach (var principle in Principles)
        {
            draw -= principle.Weight;
            if (draw < 0) return principle;
        }
        return Principles[^1]; // rounding left a sliver past the last cumulative weight
    }

    private static void Validate(IReadOnlyList<Principle>? principles)
    {
        if (principles is null || principles.Count == 0)
            throw new ArgumentException("A constitution needs at least one principle.", nameof(principles));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < principles.Count; i++)
        {
            var p = principles[i] ?? throw new ArgumentException($"Principle {i + 1} of the constitution is null.", nameof(principles));
            if (string.IsNullOrWhiteSpace(p.Id))
                throw new ArgumentException($"Principle {i + 1} of the constitution has an empty id: labelled data is tagged with it, so give it one.", nameof(principles));
            if (!seen.Add(p.Id))
                throw new ArgumentException($"Principle id '{p.Id}' appears more than once in the constitution: ids must be unique.", nameof(principles));
            if (string.IsNullOrWhiteSpace(p.Text))
                throw new ArgumentException($"Principle '{p.Id}' has an empty text: the judge and the reviser apply it, so write it.", nameof(principles));
            if (!(p.Weight > 0) || double.IsInfinity(p.Weight))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Principle '{p.Id}' has weight {p.Weight}: weights must be positive and finite."), nameof(principles));
            if (p.Prefer.Concat(p.Avoid).Any(string.IsNullOrWhiteSpace))
                throw new ArgumentException($"Principle '{p.Id}' has an empty Prefer or Avoid phrase, which every answer would contain.", nameof(principles));
        }
    }
}
