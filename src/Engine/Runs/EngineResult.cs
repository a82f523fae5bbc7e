namespace Scheduler.Engine.Runs;

/// <summary>Why a command was refused.</summary>
public enum EngineErrorKind
{
    /// <summary>The input is wrong; <see cref="EngineError.Field"/> names what.</summary>
    Invalid,

    /// <summary>The thing named does not exist.</summary>
    NotFound,

    /// <summary>The thing is no longer in a state that allows the command (someone else got there first).</summary>
    Conflict,
}

/// <summary>A refused command: a normal outcome, not an exception.</summary>
/// <param name="Kind">What kind of refusal.</param>
/// <param name="Message">A sentence an operator can act on.</param>
/// <param name="Field">The input field at fault (camelCase path, e.g. <c>resources.cpu</c>), when there is one.</param>
public sealed record EngineError(EngineErrorKind Kind, string Message, string? Field = null)
{
    /// <summary>Bad input in <paramref name="field"/>.</summary>
    public static EngineError Invalid(string field, string message) => new(EngineErrorKind.Invalid, message, field);

    /// <summary>Nothing by that id.</summary>
    public static EngineError NotFound(string message) => new(EngineErrorKind.NotFound, message);

    /// <summary>The state moved on.</summary>
    public static EngineError Conflict(string message) => new(EngineErrorKind.Conflict, message);
}

/// <summary>The outcome of an engine command: a value, or one or more errors.</summary>
public sealed class EngineResult<T>
{
    internal EngineResult(T? value, IReadOnlyList<EngineError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>The value when the command succeeded.</summary>
    public T? Value { get; }

    /// <summary>Every reason the command was refused (all validation errors at once).</summary>
    public IReadOnlyList<EngineError> Errors { get; }

    /// <summary>Whether the command took effect.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The first error; only valid when the command was refused.</summary>
    public EngineError Error => Errors[0];

    /// <summary>Lets a handler return an error directly.</summary>
    public static implicit operator EngineResult<T>(EngineError error) => new(default, [error]);

    /// <summary>Lets a handler return its value directly.</summary>
    public static implicit operator EngineResult<T>(T value) => new(value, []);
}

/// <summary>Builds <see cref="EngineResult{T}"/> values.</summary>
public static class EngineResult
{
    /// <summary>A successful outcome.</summary>
    public static EngineResult<T> Ok<T>(T value) => new(value, []);

    /// <summary>A refusal.</summary>
    public static EngineResult<T> Fail<T>(EngineError error) => new(default, [error]);

    /// <summary>A refusal with several reasons.</summary>
    public static EngineResult<T> Fail<T>(IReadOnlyList<EngineError> errors) => new(default, errors);
}
