using System.Collections.Concurrent;
using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// The category each module path declares on the Python side (<c>bridge.category_of</c>), asked once per
/// path and kept: the declared category is what routes <c>dspex.examples.api.optimize</c> to the optimizer pool.
/// </summary>
internal sealed class ModuleCategories(DspexScheduler scheduler, IPythonBridge bridge)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _known = new(StringComparer.Ordinal);

    public Task<string?> LookupAsync(string module, CancellationToken cancellationToken)
    {
        var entry = _known.GetOrAdd(module, m => new Lazy<Task<string?>>(() => AskAsync(m)));
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed lookup is not remembered: the next step asks again.
            _known.TryRemove(new KeyValuePair<string, Lazy<Task<string?>>>(module, entry));
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Categories already known, for display.</summary>
    public IReadOnlyDictionary<string, string?> Known =>
        _known.Where(p => p.Value.IsValueCreated && p.Value.Value.IsCompletedSuccessfully)
              .ToDictionary(p => p.Key, p => p.Value.Value.Result, StringComparer.Ordinal);

    private async Task<string?> AskAsync(string module)
    {
        // Routed by name only (no category yet): any pool with Python can answer.
        var call = await scheduler.SubmitAsync(new BridgeJob(module, bridge, "category_of", module, true)).ConfigureAwait(false);
        return call.Value as string;
    }
}
