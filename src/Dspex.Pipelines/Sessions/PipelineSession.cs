namespace Dspex.Pipelines;

/// <summary>A live Python instance a pipeline run created: its bridge id and the worker (and executor) that holds it.</summary>
/// <param name="Name">The session's name in the pipeline.</param>
/// <param name="Module">The module path the instance was created from (it routes the session's calls).</param>
/// <param name="CreateKwargs">The constructor arguments, kept so a <see cref="SessionAffinity.Hint"/> call that lands elsewhere can recreate it.</param>
/// <param name="InstanceId">The bridge's id of the instance.</param>
/// <param name="Pool">The pool of the worker that holds it.</param>
/// <param name="WorkerId">The worker that holds it.</param>
/// <param name="ExecutorEpoch">The executor that holds it; a replaced executor lost it.</param>
internal sealed record PipelineSession(string Name, string Module, object? CreateKwargs, string InstanceId, string Pool, int WorkerId, long ExecutorEpoch);
