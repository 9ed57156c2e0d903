using System.Text.Json.Nodes;
using Dspex.Scheduler;

namespace Dspex.Pipelines.Tests;

internal static class Support
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A scheduler of plain C# pools (no Python): function steps never need one.</summary>
    public static async Task<DspexScheduler> PlainSchedulerAsync(TimeProvider? time = null)
    {
        var options = new DspexOptions
        {
            Pools = new Dictionary<string, PoolOptions>(StringComparer.OrdinalIgnoreCase) { ["general"] = PoolOptions.Create(2, 0) },
            Routing = new RoutingOptions { Rules = [] },
            ShutdownGracePeriod = TimeSpan.FromSeconds(5),
        };
        var scheduler = new DspexScheduler(options, new SchedulerComponents { TimeProvider = time ?? TimeProvider.System });
        await scheduler.StartAsync();
        return scheduler;
    }

    public static FunctionStep Fn(string name, Func<JsonArray, CancellationToken, Task<JsonNode?>> body, params JsonNode?[] args) =>
        new(name, (a, ct) => new ValueTask<JsonNode?>(body(a, ct))) { Args = [.. args] };

    public static FunctionStep Const(string name, JsonNode? value) => Fn(name, (_, _) => Task.FromResult(value?.DeepClone()));

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Patience);

    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }
}
