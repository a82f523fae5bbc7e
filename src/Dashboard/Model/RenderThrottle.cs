namespace Scheduler.Dashboard.Model;

/// <summary>
/// Coalesces "something changed" signals from any thread into at most one render per interval (10 per second
/// by default), so a burst of a thousand changes a second costs a browser ten renders, not a thousand.
/// </summary>
public sealed class RenderThrottle : IAsyncDisposable
{
    private readonly Func<Task> _render;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _dirty;

    /// <param name="render">Runs one render; called on a background thread, so it must marshal to its dispatcher itself.</param>
    /// <param name="interval">The least time between two renders.</param>
    /// <param name="time">The clock.</param>
    public RenderThrottle(Func<Task> render, TimeSpan? interval = null, TimeProvider? time = null)
    {
        _render = render;
        _interval = interval ?? TimeSpan.FromMilliseconds(100);
        _time = time ?? TimeProvider.System;
        _loop = RunAsync();
    }

    /// <summary>Asks for a render; cheap and safe from any thread.</summary>
    public void Signal()
    {
        if (Interlocked.Exchange(ref _dirty, 1) == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // A render is already requested.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out.
        }

        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _signal.WaitAsync(_stop.Token);
            Interlocked.Exchange(ref _dirty, 0);
            try
            {
                await _render();
            }
            catch (ObjectDisposedException)
            {
                // The component's circuit went away between the signal and the render.
                return;
            }

            await Task.Delay(_interval, _time, _stop.Token);
        }
    }
}
