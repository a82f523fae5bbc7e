using Microsoft.AspNetCore.Components;
using Scheduler.Dashboard.Model;

namespace Scheduler.Dashboard.Components.Controls;

/// <summary>
/// A component that shows live engine state: it starts its <see cref="LiveModel{TSnapshot}"/>s, applies their
/// changes on its own dispatcher at most ten times a second, and stops them when it is disposed.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<Func<bool>> _appliers = [];
    private readonly List<IAsyncDisposable> _owned = [];
    private RenderThrottle? _throttle;
    private bool _disposed;

    /// <summary>The engine, through the dashboard's client.</summary>
    [Inject]
    protected IDashboardClient Client { get; set; } = default!;

    /// <summary>Cancelled when the component goes away.</summary>
    protected CancellationToken Lifetime => _lifetime.Token;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _lifetime.CancelAsync();
        if (_throttle is not null)
        {
            await _throttle.DisposeAsync();
        }

        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts a live model and re-renders this component when it changes.</summary>
    protected async Task TrackAsync<TSnapshot>(LiveModel<TSnapshot> model)
        where TSnapshot : class
    {
        _throttle ??= new RenderThrottle(() => InvokeAsync(ApplyChangesAsync));
        _owned.Add(model);
        _appliers.Add(model.ApplyPending);
        model.ChangesPending += _throttle.Signal;
        await model.StartAsync(Lifetime);
    }

    /// <summary>Called after live changes were applied, before rendering; override to refresh derived data.</summary>
    protected virtual Task OnLiveChangesAppliedAsync() => Task.CompletedTask;

    private async Task ApplyChangesAsync()
    {
        if (_disposed)
        {
            return;
        }

        var changed = false;
        foreach (var apply in _appliers)
        {
            changed |= apply();
        }

        if (changed)
        {
            await OnLiveChangesAppliedAsync();
            StateHasChanged();
        }
    }
}
