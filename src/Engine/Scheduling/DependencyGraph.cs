using QuikGraph;
using QuikGraph.Algorithms;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Dependency graphs (runs, or schedules) checked with QuikGraph: edges point from a dependent to what it
/// depends on. A cycle is reported with its members so the error can name them.
/// </summary>
internal static class DependencyGraph
{
    /// <summary>The members of one cycle, in ascending order, or null when the graph is a DAG.</summary>
    public static IReadOnlyList<T>? FindCycle<T>(IEnumerable<(T Dependent, T DependsOn)> edges)
        where T : notnull, IComparable<T>
    {
        var graph = Build(edges);
        foreach (var edge in graph.Edges)
        {
            if (EqualityComparer<T>.Default.Equals(edge.Source, edge.Target))
            {
                return [edge.Source];
            }
        }

        if (graph.IsDirectedAcyclicGraph())
        {
            return null;
        }

        var components = new Dictionary<T, int>();
        graph.StronglyConnectedComponents(components);
        return components.GroupBy(c => c.Value).Select(g => g.Select(c => c.Key).Order().ToList()).Where(g => g.Count > 1).OrderBy(g => g[0]).First();
    }

    /// <summary>
    /// The depth of every vertex of a DAG: 0 without dependencies, else one more than its deepest dependency.
    /// </summary>
    public static Dictionary<T, int> Depths<T>(IEnumerable<(T Dependent, T DependsOn)> edges)
        where T : notnull
    {
        var graph = Build(edges);
        var depths = new Dictionary<T, int>();
        // Topological order lists a dependent before its dependencies; walk it backwards.
        foreach (var vertex in graph.TopologicalSort().Reverse())
        {
            depths[vertex] = graph.OutEdges(vertex).Select(e => depths[e.Target] + 1).DefaultIfEmpty(0).Max();
        }

        return depths;
    }

    private static AdjacencyGraph<T, SEquatableEdge<T>> Build<T>(IEnumerable<(T Dependent, T DependsOn)> edges)
        where T : notnull
    {
        var graph = new AdjacencyGraph<T, SEquatableEdge<T>>(allowParallelEdges: false);
        foreach (var (dependent, dependsOn) in edges)
        {
            var edge = new SEquatableEdge<T>(dependent, dependsOn);
            if (!graph.ContainsEdge(edge))
            {
                graph.AddVerticesAndEdge(edge);
            }
        }

        return graph;
    }
}
