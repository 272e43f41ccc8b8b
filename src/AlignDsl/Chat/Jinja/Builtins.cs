using System.Globalization;

namespace AlignDsl.Chat.Jinja;

/// <summary>The template's own <c>raise_exception(message)</c>: the conversation does not fit the template.</summary>
public sealed class TemplateRaisedException(string message) : Exception($"the chat template rejected the conversation: {message}");

/// <summary>The functions every chat template may call: Jinja's <c>namespace</c>, <c>range</c>, <c>dict</c>, and Hugging Face's <c>raise_exception</c> and <c>strftime_now</c>.</summary>
internal static class Builtins
{
    public static Dictionary<string, object?> Globals() => new()
    {
        ["raise_exception"] = (Callable)((args, _) => throw new TemplateRaisedException(args.Count > 0 ? Values.ToText(args[0]) : "")),
        ["namespace"] = (Callable)((args, named) =>
        {
            var values = args.Count > 0 && args[0] is Dictionary<string, object?> initial ? new Dictionary<string, object?>(initial) : [];
            foreach (var pair in named) values[pair.Key] = pair.Value;
            return new Namespace(values);
        }),
        ["dict"] = (Callable)((_, named) => named.ToDictionary(p => p.Key, p => p.Value)),
        ["range"] = (Callable)((args, _) =>
        {
            var numbers = args.Select(a => a is long l ? l : throw new ArgumentException("range() takes integers")).ToArray();
            var (start, stop, step) = numbers.Length switch
            {
                1 => (0L, numbers[0], 1L),
                2 => (numbers[0], numbers[1], 1L),
                3 => (numbers[0], numbers[1], numbers[2]),
                _ => throw new ArgumentException("range() takes 1 to 3 integers"),
            };
            if (step == 0) throw new ArgumentException("range() step must not be zero");
            var result = new List<object?>();
            for (var i = start; step > 0 ? i < stop : i > stop; i += step) result.Add(i);
            return result;
        }),
        ["strftime_now"] = (Callable)((args, _) => StrftimeNow(args.Count > 0 ? Values.ToText(args[0]) : "")),
    };

    // The few strftime codes date-stamping templates (Llama 3.1) use.
    private static string StrftimeNow(string format)
    {
        var now = DateTime.Now;
        return format.Replace("%d", now.ToString("dd", CultureInfo.InvariantCulture)).Replace("%b", now.ToString("MMM", CultureInfo.InvariantCulture))
            .Replace("%B", now.ToString("MMMM", CultureInfo.InvariantCulture)).Replace("%Y", now.ToString("yyyy", CultureInfo.InvariantCulture))
            .Replace("%m", now.ToString("MM", CultureInfo.InvariantCulture)).Replace("%H", now.ToString("HH", CultureInfo.InvariantCulture))
            .Replace("%M", now.ToString("mm", CultureInfo.InvariantCulture));
    }
}
