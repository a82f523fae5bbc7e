using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Model.Forms;

/// <summary>
/// What is wrong with a form, by field: the form's own checks (shown once a field was touched, or after a save
/// was tried) and the engine's validation errors from the last save, mapped onto the form's fields. An engine
/// error goes away as soon as its field is edited; errors that name no field of the form are kept as general ones.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _client = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _engine = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private readonly List<string> _general = [];
    private bool _allTouched;

    /// <summary>Errors of the last save that belong to no field of the form.</summary>
    public IReadOnlyList<string> General => _general;

    /// <summary>The message shown on a field, or null.</summary>
    public string? this[string field] => _engine.TryGetValue(field, out var engine) ? engine
        : _client.TryGetValue(field, out var client) && IsShown(field) ? client : null;

    /// <summary>Whether a field shows an error.</summary>
    public bool Has(string field) => this[field] is not null;

    /// <summary>Replaces the form's own findings (from <c>Validate</c>).</summary>
    public void SetClient(IReadOnlyDictionary<string, string> errors)
    {
        _client.Clear();
        foreach (var (field, message) in errors)
        {
            _client[field] = message;
        }
    }

    /// <summary>A field was edited: its own checks show from now on, and the engine's error on it is stale.</summary>
    public void Touch(string field)
    {
        _touched.Add(field);
        _engine.Remove(field);
        _general.Clear();
    }

    /// <summary>A save was tried: every field shows its own checks.</summary>
    public void TouchAll() => _allTouched = true;

    /// <summary>Whether the form's own checks found anything (shown or not).</summary>
    public bool ClientInvalid => _client.Count > 0;

    /// <summary>Takes the engine's refusal: each error onto the form field <paramref name="fieldOf"/> names, the rest as general errors.</summary>
    public void SetEngine(IEnumerable<EngineError> errors, Func<string, string?> fieldOf)
    {
        _engine.Clear();
        _general.Clear();
        foreach (var error in errors)
        {
            var field = error.Field is null ? null : fieldOf(error.Field);
            if (field is null)
            {
                _general.Add(error.Message);
            }
            else
            {
                _engine[field] = _engine.TryGetValue(field, out var earlier) ? $"{earlier} {error.Message}" : error.Message;
            }
        }
    }

    /// <summary>Forgets the engine's errors of one field (for example after a live re-check found it valid).</summary>
    public void ClearEngine(string field) => _engine.Remove(field);

    /// <summary>Sets an engine-derived error on one field (for example a live re-check of a cron expression).</summary>
    public void SetEngine(string field, string message) => _engine[field] = message;

    private bool IsShown(string field) => _allTouched || _touched.Contains(field);
}
