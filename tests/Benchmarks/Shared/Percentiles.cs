namespace Scheduler.Benchmarks;

/// <summary>Percentiles of a sample by the nearest-rank method (the value at or below which p % of the sample lies).</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> sample)
    {
        _sorted = [.. sample.Order()];
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("A percentile needs at least one value.", nameof(sample));
        }
    }

    public int Count => _sorted.Length;

    public double Max => _sorted[^1];

    public double At(double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
    }
}
