namespace Scheduler.Dashboard.Model.Forms;

/// <summary>Lists typed one item a line (arguments, constraints) and <c>NAME=value</c> pairs, read and written.</summary>
public static class TextLists
{
    /// <summary>The non-empty lines, exactly as typed otherwise (an argument may start with a space).</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0)];

    /// <summary>One item a line.</summary>
    public static string Join(IEnumerable<string> items) => string.Join('\n', items);

    /// <summary>Reads <c>NAME=value</c> lines; the problem names the first line without '=' or a repeated name.</summary>
    public static (Dictionary<string, string> Pairs, string? Problem) Pairs(string? text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in Lines(text))
        {
            number++;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? string.Empty : line[..equals].Trim();
            if (name.Length == 0)
            {
                return (pairs, $"Line {number} ('{line.Trim()}') must read NAME=value.");
            }

            if (!pairs.TryAdd(name, line[(equals + 1)..]))
            {
                return (pairs, $"'{name}' is given twice.");
            }
        }

        return (pairs, null);
    }

    /// <summary><c>NAME=value</c>, one pair a line.</summary>
    public static string JoinPairs(IEnumerable<KeyValuePair<string, string>> pairs) => string.Join('\n', pairs.Select(p => $"{p.Key}={p.Value}"));
}
