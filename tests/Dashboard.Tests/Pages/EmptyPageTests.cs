using Scheduler.Dashboard.Components.Pages;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class EmptyPageTests : BunitContext
{
    public EmptyPageTests() => this.AddTestServices();

    public static TheoryData<Type, string, string> Pages => new()
    {
        { typeof(Overview), "Overview", "Nothing is running yet" },
        { typeof(Queues), "Queues", "No queued runs" },
        { typeof(Runs), "Runs", "No runs yet" },
        { typeof(Graph), "Graph", "No dependencies to draw" },
        { typeof(Schedules), "Schedules", "No schedules" },
        { typeof(Agents), "Agents", "No agents registered" },
        { typeof(Workers), "Workers", "No workers online" },
        { typeof(NotFound), "Page not found", "There is nothing at this address" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_WithNothingToShow_RendersItsTitleAndAnExplainedEmptyState(Type page, string title, string emptyTitle)
    {
        var rendered = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });

        Assert.Equal(title, rendered.Find("h1").TextContent);
        var empty = rendered.Find("[data-testid=empty-state]");
        Assert.Equal(emptyTitle, empty.QuerySelector("h2")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(empty.QuerySelector(".empty-state-text")!.TextContent));
    }
}
