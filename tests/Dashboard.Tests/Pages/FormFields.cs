using AngleSharp.Dom;

namespace Scheduler.Dashboard.Tests.Pages;

/// <summary>Finds a MudBlazor form field by its visible label, as an operator would.</summary>
internal static class FormFields
{
    /// <summary>The field's control (label, input and helper or error text).</summary>
    public static IElement Field(this IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    /// <summary>The field's input or textarea.</summary>
    public static IElement Input(this IElement field) => field.QuerySelector("input, textarea")!;

    /// <summary>The error shown on the field, or null.</summary>
    public static string? Error(this IElement field) =>
        field.ClassList.Contains("mud-input-error") || field.QuerySelector(".mud-input-error") is not null
            ? field.QuerySelector(".mud-input-helper-text")?.TextContent.Trim()
            : null;
}
