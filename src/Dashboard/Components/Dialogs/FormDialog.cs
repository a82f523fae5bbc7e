using MudBlazor;

namespace Scheduler.Dashboard.Components.Dialogs;

/// <summary>How the create/edit forms open: wide enough for two columns of fields, closed only by its buttons.</summary>
public static class FormDialog
{
    /// <summary>The options of the agent and schedule forms.</summary>
    public static DialogOptions Options { get; } = new()
    {
        MaxWidth = MaxWidth.Medium,
        FullWidth = true,
        BackdropClick = false,
        CloseOnEscapeKey = true,
        CloseButton = true,
    };
}
