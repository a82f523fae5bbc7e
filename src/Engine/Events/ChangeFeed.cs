using System.Threading.Channels;

namespace Scheduler.Engine.Events;

/// <summary>
/// The engine's change feed: every persisted change in commit order. Subscribers read through their own bounded
/// buffer; one that falls too far behind, or asks to resume from a change the feed no longer holds, is told to
/// take a fresh snapshot (<see cref="ChangeSubscription.ResnapshotRequired"/>) instead of silently missing events.
/// </summary>
public interface IChangeFeed
{
    /// <summary>The sequence number of the newest change (0 before the first).</summary>
    long LastSequence { get; }

    /// <summary>
    /// Subscribes to every change after <paramref name="afterSequence"/>. Changes already held are delivered first,
    /// in order, then live ones; none is missed or repeated.
    /// </summary>
    ChangeSubscription Subscribe(long afterSequence);
}

/// <summary>One subscriber's view of the feed. Dispose to unsubscribe.</summary>
public sealed class ChangeSubscription : IDisposable
{
    private readonly Channel<SchedulerChange> _channel;
    private readonly Action<ChangeSubscription> _unsubscribe;

    internal ChangeSubscription(int capacity, Action<ChangeSubscription> unsubscribe)
    {
        _channel = Channel.CreateBounded<SchedulerChange>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _unsubscribe = unsubscribe;
    }

    /// <summary>The changes, in order. Completes when the subscriber must resnapshot or the engine stops.</summary>
    public ChannelReader<SchedulerChange> Changes => _channel.Reader;

    /// <summary>
    /// True when changes were missed (the resume point is older than the feed holds, or this subscriber fell too
    /// far behind): take a new snapshot and subscribe again from its sequence.
    /// </summary>
    public bool ResnapshotRequired { get; private set; }

    internal bool TryDeliver(SchedulerChange change)
    {
        if (ResnapshotRequired)
        {
            return false;
        }

        if (_channel.Writer.TryWrite(change))
        {
            return true;
        }

        RequireResnapshot();
        return false;
    }

    internal void RequireResnapshot()
    {
        ResnapshotRequired = true;
        _channel.Writer.TryComplete();
    }

    internal void Complete() => _channel.Writer.TryComplete();

    /// <inheritdoc />
    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}

/// <summary>The in-process feed: a ring of recent changes plus live subscribers.</summary>
internal sealed class ChangeFeed(int capacity, int subscriberBuffer = 20_000) : IChangeFeed
{
    private readonly Lock _gate = new();
    private readonly Queue<SchedulerChange> _recent = new();
    private readonly List<ChangeSubscription> _subscribers = [];
    private long _lastSequence;

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    /// <summary>Continues numbering after the high-water mark of a previous process.</summary>
    public void StartAfter(long sequence)
    {
        lock (_gate)
        {
            _lastSequence = sequence;
            _recent.Clear();
        }
    }

    public ChangeSubscription Subscribe(long afterSequence)
    {
        var subscription = new ChangeSubscription(subscriberBuffer, Unsubscribe);
        lock (_gate)
        {
            var oldestHeld = _recent.Count > 0 ? _recent.Peek().Sequence : _lastSequence + 1;
            if (afterSequence > _lastSequence || afterSequence < oldestHeld - 1)
            {
                subscription.RequireResnapshot();
                return subscription;
            }

            foreach (var change in _recent)
            {
                if (change.Sequence > afterSequence && !subscription.TryDeliver(change))
                {
                    return subscription;
                }
            }

            _subscribers.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Numbers and announces changes that were just committed. Only the engine loop calls this.</summary>
    public void Publish(IReadOnlyList<Func<long, SchedulerChange>> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var make in changes)
            {
                var change = make(++_lastSequence);
                _recent.Enqueue(change);
                if (_recent.Count > capacity)
                {
                    _recent.Dequeue();
                }

                for (var i = _subscribers.Count - 1; i >= 0; i--)
                {
                    if (!_subscribers[i].TryDeliver(change))
                    {
                        _subscribers.RemoveAt(i);
                    }
                }
            }
        }
    }

    /// <summary>Ends every subscription (engine shutdown).</summary>
    public void CompleteAll()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Complete();
            }

            _subscribers.Clear();
        }
    }

    private void Unsubscribe(ChangeSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}
