using AlignDsl.Generators.Model;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// A constant setting as either declaration form gives it: its value (a type symbol for a type) and its type
/// (the enum type for an enum member). Transient: never stored in a model.
/// </summary>
internal readonly record struct SettingValue(object? Value, ITypeSymbol? Type);

/// <summary>
/// One declared section read by setting name (the attribute property's name, e.g. "Beta"), so the attribute form and the
/// builder form go through the same parsing and rule checks, with locations at whichever argument was written.
/// </summary>
internal interface ISettingReader
{
    /// <summary>The whole attribute, or the builder call.</summary>
    LocationInfo? Location { get; }

    /// <summary>The written value of <paramref name="name"/>, or null when it was not written.</summary>
    SettingValue? Setting(string name);

    /// <summary>Where <paramref name="name"/>'s value was written, else <see cref="Location"/>.</summary>
    LocationInfo? LocationOf(string name);

    /// <summary>The names of the settings that were written, so every one of them can be checked (enum members).</summary>
    IEnumerable<string> Names { get; }

    /// <summary>The strings of an array setting (<c>Prefer = ["…"]</c>), or empty when it was not written.</summary>
    IReadOnlyList<string> Strings(string name);
}

internal static class SettingReaderExtensions
{
    public static T Named<T>(this ISettingReader reader, string name, T fallback) =>
        reader.Setting(name) is { Value: { } value } && value is not ISymbol ? Convert(value, fallback) : fallback;

    public static bool Has(this ISettingReader reader, string name) => reader.Setting(name) is not null;

    private static T Convert<T>(object value, T fallback)
    {
        try { return (T)System.Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException) { return fallback; }
    }
}

/// <summary>The settings of one builder section call (e.g. <c>o.Dpo(beta: 0.2)</c>), keyed by setting name.</summary>
internal sealed class BuilderReader(LocationInfo? location) : ISettingReader
{
    private readonly Dictionary<string, (SettingValue Value, LocationInfo? Location)> _settings = new(StringComparer.Ordinal);

    public LocationInfo? Location { get; } = location;

    public void Set(string name, SettingValue value, LocationInfo? at) => _settings[name] = (value, at);

    public IEnumerable<string> Names => _settings.Keys;

    public SettingValue? Setting(string name) => _settings.TryGetValue(name, out var s) ? s.Value : null;

    public LocationInfo? LocationOf(string name) => _settings.TryGetValue(name, out var s) ? s.Location ?? Location : Location;

    /// <summary>The builder takes constants only, and an array is not one.</summary>
    public IReadOnlyList<string> Strings(string name) => [];
}

/// <summary>
/// The builder's <c>.Sweep(nameof(Beta), 0.05, 0.1)</c>: its argument syntax, for <see cref="SweepParser"/>, which reads
/// the attribute's the same way. It has no named settings.
/// </summary>
internal sealed class SweepCall(IReadOnlyList<Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax> arguments, LocationInfo? location) : ISettingReader
{
    public IReadOnlyList<Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax> Arguments { get; } = arguments;

    public LocationInfo? Location { get; } = location;

    public IEnumerable<string> Names => [];

    public SettingValue? Setting(string name) => null;

    public LocationInfo? LocationOf(string name) => Location;

    public IReadOnlyList<string> Strings(string name) => [];
}
