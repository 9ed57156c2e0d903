using System.Text.Json.Nodes;
using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// Runs pipelines against a started <see cref="DspexScheduler"/>: every Python step is a job routed to its
/// pool by module path and declared category; C# function steps run on the caller's side.
/// </summary>
/// <example>
/// <code>
/// var runner = new PipelineRunner(scheduler);
/// var result = await runner.RunAsync(PipelineJson.Parse(File.ReadAllText("triage.json")), input);
/// </code>
/// </example>
public sealed class PipelineRunner : IDisposable
{
    private readonly PipelineTelemetry _telemetry;

    /// <summary>Creates a runner.</summary>
    /// <param name="scheduler">The started scheduler Python steps are submitted to.</param>
    /// <param name="options">Bridge, functions, clock and meter; defaults when null.</param>
    public PipelineRunner(DspexScheduler scheduler, PipelineRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
        Options = options ?? new PipelineRunnerOptions();
        Categories = new ModuleCategories(scheduler, Options.Bridge);
        _telemetry = new PipelineTelemetry(Options.MeterFactory);
    }

    /// <summary>The scheduler Python steps go to.</summary>
    public DspexScheduler Scheduler { get; }

    /// <summary>The runner's options.</summary>
    public PipelineRunnerOptions Options { get; }

    internal ModuleCategories Categories { get; }

    internal PipelineTelemetry Telemetry => _telemetry;

    /// <summary>The pool a Python module is routed to: by its declared category (asked from Python once) and its path.</summary>
    /// <param name="module">The dotted module path.</param>
    /// <param name="cancellationToken">Abandons the lookup.</param>
    /// <returns>The pool's name and the declared category (null when none).</returns>
    public async Task<(string Pool, string? Category)> RouteAsync(string module, CancellationToken cancellationToken = default)
    {
        var category = await Categories.LookupAsync(module, cancellationToken).ConfigureAwait(false);
        return (Scheduler.Route(module, category), category);
    }

    /// <summary>Runs a pipeline to its end. A failing step ends the run (unless it continues on error); the result says which.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="input">The run's input (<c>$input</c>); the pipeline's default input when null.</param>
    /// <param name="cancellationToken">Cancels the run: queued steps never start, running ones see the token.</param>
    /// <returns>The output, or the failure, and every step's result.</returns>
    /// <exception cref="OperationCanceledException">The caller cancelled the run.</exception>
    public Task<PipelineResult> RunAsync(Pipeline pipeline, JsonNode? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new PipelineRun(this, pipeline).RunAsync(input ?? pipeline.DefaultInput?.DeepClone(), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _telemetry.Dispose();
}
