using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace Scheduler.Engine.Execution;

/// <summary>One numbered line of a run's log. Numbers continue across attempts.</summary>
public sealed record LogLine(long Number, DateTimeOffset At, LogSource Stream, string Text);

/// <summary>Reads runs' logs, whole or live.</summary>
public interface IRunLogs
{
    /// <summary>Up to <paramref name="max"/> lines after line <paramref name="afterLine"/> (0 for the start of what is kept).</summary>
    Task<IReadOnlyList<LogLine>> ReadAsync(long runId, long afterLine, int max, CancellationToken cancellationToken);

    /// <summary>The lines after <paramref name="afterLine"/>, then every new line as it is written, until cancelled.</summary>
    IAsyncEnumerable<LogLine> FollowAsync(long runId, long afterLine, CancellationToken cancellationToken);
}

/// <summary>
/// Run logs as files under the log folder: <c>{run}.log</c> and, once it reaches the segment size, the previous
/// segment <c>{run}.1.log</c>. So a run keeps at most two segments and always its newest output. Live followers
/// get each line as it is written.
/// </summary>
internal sealed class RunLogStore(string directory, int segmentBytes, TimeProvider time) : IRunLogs
{
    private readonly ConcurrentDictionary<long, List<Channel<LogLine>>> _followers = new();
    private readonly ConcurrentDictionary<long, RunLogWriter> _writers = new();

    public string Directory { get; } = directory;

    /// <summary>Opens the log of a run for one execution; lines are appended after what earlier attempts wrote.</summary>
    public RunLogWriter Open(long runId)
    {
        var writer = new RunLogWriter(this, runId, segmentBytes, time);
        _writers[runId] = writer;
        return writer;
    }

    public async Task<IReadOnlyList<LogLine>> ReadAsync(long runId, long afterLine, int max, CancellationToken cancellationToken)
    {
        var lines = new List<LogLine>();
        foreach (var file in SegmentsOf(runId))
        {
            await foreach (var line in ReadFileAsync(file, cancellationToken))
            {
                if (line.Number > afterLine)
                {
                    lines.Add(line);
                    if (lines.Count >= max)
                    {
                        return lines;
                    }
                }
            }
        }

        return lines;
    }

    public async IAsyncEnumerable<LogLine> FollowAsync(long runId, long afterLine, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var live = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        var followers = _followers.GetOrAdd(runId, _ => []);
        lock (followers)
        {
            followers.Add(live);
        }

        try
        {
            var last = afterLine;
            foreach (var line in await ReadAsync(runId, afterLine, int.MaxValue, cancellationToken))
            {
                last = line.Number;
                yield return line;
            }

            await foreach (var line in live.Reader.ReadAllAsync(cancellationToken))
            {
                if (line.Number > last)
                {
                    last = line.Number;
                    yield return line;
                }
            }
        }
        finally
        {
            lock (followers)
            {
                followers.Remove(live);
            }
        }
    }

    internal string CurrentSegment(long runId) => Path.Combine(Directory, $"{runId}.log");

    internal string PreviousSegment(long runId) => Path.Combine(Directory, $"{runId}.1.log");

    internal void Publish(long runId, LogLine line)
    {
        if (_followers.TryGetValue(runId, out var followers))
        {
            lock (followers)
            {
                foreach (var follower in followers)
                {
                    follower.Writer.TryWrite(line);
                }
            }
        }
    }

    internal void Closed(long runId, RunLogWriter writer) => _writers.TryRemove(new KeyValuePair<long, RunLogWriter>(runId, writer));

    internal static string Format(LogLine line)
    {
        var stream = line.Stream switch
        {
            LogSource.Stderr => 'E',
            LogSource.System => 'S',
            _ => 'O',
        };
        return string.Create(CultureInfo.InvariantCulture, $"{line.Number}\t{line.At.ToUnixTimeMilliseconds()}\t{stream}\t{line.Text}");
    }

    private static LogLine? Parse(string text)
    {
        var parts = text.Split('\t', 4);
        if (parts.Length < 4 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) || parts[2].Length != 1)
        {
            return null;
        }

        var stream = parts[2][0] switch
        {
            'E' => LogSource.Stderr,
            'S' => LogSource.System,
            _ => LogSource.Stdout,
        };
        return new LogLine(number, DateTimeOffset.FromUnixTimeMilliseconds(ms), stream, parts[3]);
    }

    private IEnumerable<string> SegmentsOf(long runId) => new[] { PreviousSegment(runId), CurrentSegment(runId) }.Where(File.Exists);

    internal long LastLineNumber(long runId)
    {
        var last = 0L;
        foreach (var file in SegmentsOf(runId))
        {
            foreach (var text in File.ReadLines(file))
            {
                if (Parse(text) is { } line)
                {
                    last = line.Number;
                }
            }
        }

        return last;
    }

    private static async IAsyncEnumerable<LogLine> ReadFileAsync(string file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            yield break;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            if (Parse(text) is { } line)
            {
                yield return line;
            }
        }
    }
}

/// <summary>
/// Appends one execution's output to its run's log, rotating at the segment size. The file is created on the
/// agent's first line of output: the engine's own lines (assigned, exited) wait in memory until then and are
/// dropped for a run that was silent and ended well, so a busy engine does not create a file per run.
/// </summary>
internal sealed class RunLogWriter : IRunLog, IDisposable
{
    private readonly Lock _gate = new();
    private readonly RunLogStore _store;
    private readonly long _runId;
    private readonly int _segmentBytes;
    private readonly TimeProvider _time;
    private readonly List<(LogSource Stream, string Text, DateTimeOffset At)> _held = [];
    private StreamWriter? _writer;
    private long _lineNumber;

    public RunLogWriter(RunLogStore store, long runId, int segmentBytes, TimeProvider time)
    {
        _store = store;
        _runId = runId;
        _segmentBytes = segmentBytes;
        _time = time;
    }

    /// <summary>The agent's last standard-error line, quoted when a failure is reported.</summary>
    public string? LastError { get; private set; }

    public void Write(LogSource stream, string line)
    {
        lock (_gate)
        {
            if (stream == LogSource.Stderr && !string.IsNullOrWhiteSpace(line))
            {
                LastError = line.Length > 300 ? line[..300] + "…" : line;
            }

            if (_writer is null && stream == LogSource.System)
            {
                _held.Add((stream, line, _time.GetUtcNow()));
                return;
            }

            EnsureOpen();
            Append(stream, line, _time.GetUtcNow());
        }
    }

    /// <summary>Ends the execution's log; the engine's held lines are written when <paramref name="keepSystemLines"/> or when the agent wrote anything.</summary>
    public void Close(bool keepSystemLines)
    {
        lock (_gate)
        {
            if (_writer is null && keepSystemLines && _held.Count > 0)
            {
                EnsureOpen();
            }

            _writer?.Dispose();
            _writer = null;
        }

        _store.Closed(_runId, this);
    }

    public void Dispose() => Close(keepSystemLines: true);

    private void EnsureOpen()
    {
        if (_writer is not null)
        {
            return;
        }

        Directory.CreateDirectory(_store.Directory);
        _lineNumber = _store.LastLineNumber(_runId);
        _writer = OpenCurrent();
        foreach (var (stream, text, at) in _held)
        {
            Append(stream, text, at);
        }

        _held.Clear();
    }

    private void Append(LogSource stream, string line, DateTimeOffset at)
    {
        var entry = new LogLine(++_lineNumber, at, stream, line.Replace('\t', ' ').Replace('\r', ' '));
        if (_writer!.BaseStream.Length >= _segmentBytes)
        {
            Rotate();
        }

        _writer!.WriteLine(RunLogStore.Format(entry));
        _store.Publish(_runId, entry);
    }

    private StreamWriter OpenCurrent() =>
        new(new FileStream(_store.CurrentSegment(_runId), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false))
        {
            AutoFlush = true,
        };

    private void Rotate()
    {
        _writer!.Dispose();
        File.Move(_store.CurrentSegment(_runId), _store.PreviousSegment(_runId), overwrite: true);
        _writer = OpenCurrent();
    }
}
