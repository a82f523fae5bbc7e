namespace Scheduler.Engine.Workers;

/// <summary>
/// Run constraints against worker labels: <c>key=value</c> needs that label with that value, <c>key</c> needs
/// the label with any value.
/// </summary>
public static class WorkerConstraints
{
    /// <summary>Why a constraint is malformed, or null when it is well formed.</summary>
    public static string? Problem(string constraint)
    {
        if (string.IsNullOrWhiteSpace(constraint))
        {
            return "a constraint must not be empty";
        }

        var eq = constraint.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? constraint : constraint[..eq];
        if (key.Trim().Length == 0)
        {
            return $"constraint '{constraint}' has no label name before '='";
        }

        return constraint.Length > 200 ? $"constraint '{constraint[..20]}…' is longer than 200 characters" : null;
    }

    /// <summary>Whether <paramref name="labels"/> satisfy every constraint.</summary>
    public static bool Satisfied(IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> constraints)
    {
        foreach (var constraint in constraints)
        {
            var eq = constraint.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (!labels.ContainsKey(constraint.Trim()))
                {
                    return false;
                }
            }
            else if (!labels.TryGetValue(constraint[..eq].Trim(), out var value) || !string.Equals(value, constraint[(eq + 1)..].Trim(), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
