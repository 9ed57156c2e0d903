using System.Diagnostics;
using System.Text.Json.Nodes;
using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>One run of one pipeline: its scope, its step results, its sessions.</summary>
internal sealed class PipelineRun
{
    private readonly PipelineRunner _runner;
    private readonly Pipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly List<StepResult> _results = [];
    private readonly SessionTable _sessions;

    public PipelineRun(PipelineRunner runner, Pipeline pipeline)
    {
        _runner = runner;
        _pipeline = pipeline;
        _time = runner.Options.TimeProvider;
        _sessions = new SessionTable(runner.Scheduler, runner.Options.Bridge);
    }

    public async Task<PipelineResult> RunAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var activity = PipelineTelemetry.Source.StartActivity("pipeline " + _pipeline.Name);
        activity?.SetTag("dspex.pipeline", _pipeline.Name);
        var scope = Scope.Root(input);
        var status = StepStatus.Succeeded;
        string? error = null;
        JsonNode? output = null;
        try
        {
            for (var i = 0; i < _pipeline.Steps.Count; i++)
            {
                output = await RunStepAsync(_pipeline.Steps[i], $"steps[{i}]", _pipeline.Steps[i].Name, scope, cancellationToken).ConfigureAwait(false);
            }

            if (_pipeline.Output is { } reference)
            {
                output = scope.Resolve(reference)?.DeepClone();
            }
        }
        catch (PipelineStepException ex)
        {
            (status, error, output) = (ex.Status, ex.Message, null);
        }
        catch (PipelineDataException ex)
        {
            (status, error, output) = (StepStatus.Failed, "output: " + ex.Message, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = StepStatus.Cancelled;
            throw;
        }
        finally
        {
            await _sessions.CloseAllAsync().ConfigureAwait(false);
            var elapsed = _time.GetElapsedTime(started);
            var outcome = PipelineTelemetry.OutcomeTag(status);
            _runner.Telemetry.Pipelines.Record(elapsed.TotalSeconds, new("dspex.pipeline", _pipeline.Name), new("dspex.outcome", outcome));
            activity?.SetTag("dspex.outcome", outcome);
            if (status != StepStatus.Succeeded)
            {
                activity?.SetStatus(ActivityStatusCode.Error, error);
            }
        }

        StepResult[] steps;
        lock (_results)
        {
            steps = [.. _results];
        }

        return new PipelineResult(_pipeline.Name, status, output, _time.GetElapsedTime(started), steps, error);
    }

    private async Task<JsonNode?> RunStepAsync(PipelineStep step, string path, string name, Scope scope, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var activity = PipelineTelemetry.Source.StartActivity("step " + name);
        activity?.SetTag("dspex.pipeline", _pipeline.Name);
        activity?.SetTag("dspex.step", name);
        activity?.SetTag("dspex.step.kind", step.Kind);
        using var timeout = step.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked?.Token ?? cancellationToken;
        var placement = new Placement();
        StepStatus status;
        string? error = null;
        Exception? failure = null;
        JsonNode? output = null;
        try
        {
            // WaitAsync: a step that ignores its token still ends at its timeout.
            output = await ExecuteAsync(step, path, scope, placement, token).WaitAsync(token).ConfigureAwait(false);
            status = StepStatus.Succeeded;
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            (status, error) = (StepStatus.TimedOut, $"ran past its timeout of {step.Timeout!.Value.TotalSeconds:0.###} s");
        }
        catch (JobTimeoutException ex)
        {
            (status, error, failure) = (StepStatus.TimedOut, ex.Message, ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Record(step, path, name, started, StepStatus.Cancelled, null, "cancelled", placement, continued: false, activity);
            throw;
        }
        catch (Exception ex)
        {
            (status, error, failure) = (StepStatus.Failed, Describe(ex), ex);
        }

        var continued = status != StepStatus.Succeeded && step.ContinueOnError;
        if (continued)
        {
            output = step.Fallback?.DeepClone();
        }

        Record(step, path, name, started, status, output, error, placement, continued, activity);
        if (status != StepStatus.Succeeded && !continued)
        {
            throw new PipelineStepException(name, path, status, error!, failure);
        }

        scope.Set(step.Name, output);
        return output;
    }

    private void Record(PipelineStep step, string path, string name, long started, StepStatus status, JsonNode? output, string? error, Placement placement, bool continued, Activity? activity)
    {
        var elapsed = _time.GetElapsedTime(started);
        var outcome = PipelineTelemetry.OutcomeTag(status);
        var tags = new TagList
        {
            { "dspex.pipeline", _pipeline.Name },
            { "dspex.step", step.Name },
            { "dspex.step.kind", step.Kind },
            { "dspex.outcome", outcome },
        };
        if (placement.Pool is not null)
        {
            tags.Add("dspex.pool", placement.Pool);
            activity?.SetTag("dspex.pool", placement.Pool);
            activity?.SetTag("dspex.worker", placement.Worker);
        }

        _runner.Telemetry.Steps.Record(elapsed.TotalSeconds, tags);
        activity?.SetTag("dspex.outcome", outcome);
        if (status != StepStatus.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
        }

        lock (_results)
        {
            _results.Add(new StepResult(name, path, step.Kind, status, elapsed, output?.DeepClone(), error, placement.Pool, placement.Worker) { Continued = continued });
        }
    }

    private Task<JsonNode?> ExecuteAsync(PipelineStep step, string path, Scope scope, Placement placement, CancellationToken token) => step switch
    {
        PythonStep python => RunPythonAsync(python, scope, placement, token),
        FunctionStep function => RunFunctionAsync(function, scope, token),
        ParallelStep parallel => RunParallelAsync(parallel, path, scope, token),
        MapStep map => RunMapAsync(map, path, scope, token),
        BranchStep branch => RunBranchAsync(branch, path, scope, token),
        _ => throw new NotSupportedException($"{path}: unknown step type {step.GetType().Name}"),
    };

    private async Task<JsonNode?> RunPythonAsync(PythonStep step, Scope scope, Placement placement, CancellationToken token)
    {
        var args = PlainData.FromJson(scope.Fill(step.Args) ?? new JsonArray());
        var kwargs = PlainData.FromJson(scope.Fill(step.Kwargs) ?? new JsonObject());
        BridgeCall call;
        if (step.Session is { } session)
        {
            call = step.SessionAction == SessionAction.Create
                ? await _sessions.CreateAsync(session, step, kwargs, _runner.Categories, token).ConfigureAwait(false)
                : await _sessions.CallAsync(session, step, args, kwargs, token).ConfigureAwait(false);
        }
        else
        {
            var category = step.Pool is null ? await _runner.Categories.LookupAsync(step.Module, token).ConfigureAwait(false) : null;
            var job = new BridgeJob(step.Module, _runner.Options.Bridge, "call", step.Module, args, kwargs)
            {
                Category = category,
                Pool = step.Pool,
                Priority = step.Priority,
                Timeout = step.Timeout,
            };
            call = await _runner.Scheduler.SubmitAsync(job, token).ConfigureAwait(false);
        }

        placement.Pool = call.Pool;
        placement.Worker = call.WorkerId;
        return PlainData.ToJson(call.Value);
    }

    private async Task<JsonNode?> RunFunctionAsync(FunctionStep step, Scope scope, CancellationToken token)
    {
        var function = step.Function
            ?? (_runner.Options.Functions.TryGetValue(step.FunctionName, out var registered) ? registered : null)
            ?? throw new PipelineDataException(
                $"function '{step.FunctionName}' is not registered (known: {string.Join(", ", _runner.Options.Functions.Keys.Order(StringComparer.Ordinal))})");
        var args = scope.Fill(step.Args) as JsonArray ?? [];
        return await function(args, token).ConfigureAwait(false);
    }

    private async Task<JsonNode?> RunParallelAsync(ParallelStep step, string path, Scope scope, CancellationToken token)
    {
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(token);
        var tasks = step.Branches
            .Select((branch, i) => CancelSiblingsOnFailureAsync(RunStepAsync(branch, $"{path}.parallel[{i}]", branch.Name, scope, siblings.Token), siblings, token))
            .ToArray();
        var outputs = await WhenAllOrFirstFailureAsync(tasks).ConfigureAwait(false);
        var result = new JsonObject();
        for (var i = 0; i < outputs.Length; i++)
        {
            result[step.Branches[i].Name] = outputs[i]?.DeepClone();
        }

        return result;
    }

    private async Task<JsonNode?> RunMapAsync(MapStep step, string path, Scope scope, CancellationToken token)
    {
        var items = scope.Resolve(step.Items) as JsonArray
            ?? throw new PipelineDataException($"{path}.map: {step.Items} is not a list");
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(token);
        using var gate = new SemaphoreSlim(step.MaxParallelism);
        var tasks = items.Select((item, i) => CancelSiblingsOnFailureAsync(RunItemAsync(item, i), siblings, token)).ToArray();
        var outputs = await WhenAllOrFirstFailureAsync(tasks).ConfigureAwait(false);
        return new JsonArray([.. outputs.Select(o => o?.DeepClone())]);

        async Task<JsonNode?> RunItemAsync(JsonNode? item, int index)
        {
            await gate.WaitAsync(siblings.Token).ConfigureAwait(false);
            try
            {
                return await RunStepAsync(step.Body, $"{path}.step", $"{step.Body.Name}[{index}]", scope.ForItem(item?.DeepClone(), index), siblings.Token).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task<JsonNode?> RunBranchAsync(BranchStep step, string path, Scope scope, CancellationToken token)
    {
        var value = scope.Resolve(step.Condition);
        var holds = step.EqualsValue is null ? PlainData.IsTruthy(value) : JsonNode.DeepEquals(value, step.EqualsValue);
        var (steps, label) = holds ? (step.Then, "then") : (step.Else, "else");
        JsonNode? output = null;
        for (var i = 0; i < steps.Count; i++)
        {
            output = await RunStepAsync(steps[i], $"{path}.{label}[{i}]", steps[i].Name, scope, token).ConfigureAwait(false);
        }

        return output;
    }

    private static async Task<JsonNode?> CancelSiblingsOnFailureAsync(Task<JsonNode?> task, CancellationTokenSource siblings, CancellationToken outer)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception) when (!outer.IsCancellationRequested)
        {
            await siblings.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>All outputs; or the first real failure (not a sibling's cancellation) when any failed.</summary>
    private static async Task<JsonNode?[]> WhenAllOrFirstFailureAsync(Task<JsonNode?>[] tasks)
    {
        try
        {
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            var failure = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        PipelineStepException step => step.Message,
        Dspex.Interop.Process.PythonProcessException python => python.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    /// <summary>Where a Python step ran, filled in by the step.</summary>
    private sealed class Placement
    {
        public string? Pool { get; set; }

        public int? Worker { get; set; }
    }
}
