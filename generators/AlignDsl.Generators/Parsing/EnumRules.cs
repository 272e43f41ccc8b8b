using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// ALIGN047 on every enum setting of every declaration (attribute or builder): a value that names no member, such as
/// <c>(GymTask)99</c>, would otherwise fall back to a default and run another experiment than the one written.
/// </summary>
internal static class EnumRules
{
    public static void Check(IEnumerable<(string Name, ISettingReader Reader)> sections, List<DiagnosticInfo> diagnostics)
    {
        foreach (var (kind, reader) in sections)
        {
            if (!kind.StartsWith("AlignDsl.", StringComparison.Ordinal)) continue;
            foreach (var setting in reader.Names)
            {
                if (reader.Setting(setting) is not { Type: INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType, Value: { } value } || IsFlags(enumType)) continue;
                var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
                var isMember = members.Any(f => Equals(f.ConstantValue, value));
                foreach (var v in SettingRules.CheckEnumMember(setting, value, enumType.Name, members.Select(m => m.Name).ToList(), isMember))
                    diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(setting)));
            }
        }
    }

    private static bool IsFlags(INamedTypeSymbol enumType) =>
        enumType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute");
}
