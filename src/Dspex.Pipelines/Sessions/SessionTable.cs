using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// The sessions of one pipeline run. Creating one runs <c>bridge.create</c> wherever its module routes and
/// remembers the worker; each call then carries that worker as its job's affinity, in the step's mode.
/// Sessions are destroyed when the run ends.
/// </summary>
internal sealed class SessionTable(DspexScheduler scheduler, IPythonBridge bridge)
{
    private readonly Dictionary<string, PipelineSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Every instance created, including those a Hint call left behind on another worker.</summary>
    private readonly List<PipelineSession> _created = [];

    public async Task<BridgeCall> CreateAsync(string name, PythonStep step, object? kwargs, ModuleCategories categories, CancellationToken token)
    {
        lock (_sessions)
        {
            if (_sessions.ContainsKey(name))
            {
                throw new InvalidOperationException($"session '{name}' already exists in this run; create it once");
            }
        }

        var category = step.Pool is null ? await categories.LookupAsync(step.Module, token).ConfigureAwait(false) : null;
        var job = new BridgeJob(step.Module, bridge, "create", step.Module, kwargs)
        {
            Category = category,
            Pool = step.Pool,
            Priority = step.Priority,
            Timeout = step.Timeout,
        };
        var call = await scheduler.SubmitAsync(job, token).ConfigureAwait(false);
        var id = call.Value as string ?? throw new InvalidOperationException($"bridge.create({step.Module}) returned no instance id");
        lock (_sessions)
        {
            var session = new PipelineSession(name, step.Module, kwargs, id, call.Pool, call.WorkerId, call.ExecutorEpoch);
            _sessions[name] = session;
            _created.Add(session);
        }

        return call;
    }

    public async Task<BridgeCall> CallAsync(string name, PythonStep step, object? args, object? kwargs, CancellationToken token)
    {
        PipelineSession? session;
        lock (_sessions)
        {
            _sessions.TryGetValue(name, out session);
        }

        if (session is null)
        {
            throw new InvalidOperationException($"session '{name}' has not been created in this run (its create step must run first)");
        }

        var job = new SessionCallJob(session, bridge, args, kwargs, step.Method)
        {
            Pool = session.Pool,
            Priority = step.Priority,
            Timeout = step.Timeout,
            Affinity = new WorkerAffinity(session.WorkerId, ToMode(step.Affinity), session.ExecutorEpoch),
        };
        var (call, moved) = await scheduler.SubmitAsync(job, token).ConfigureAwait(false);
        if (!ReferenceEquals(moved, session))
        {
            lock (_sessions)
            {
                _sessions[name] = moved;
                _created.Add(moved);
            }
        }

        return call;
    }

    /// <summary>Destroys every session on its worker; a worker that is gone took its instances with it.</summary>
    public async Task CloseAllAsync()
    {
        PipelineSession[] open;
        lock (_sessions)
        {
            open = [.. _created];
            _created.Clear();
            _sessions.Clear();
        }

        foreach (var session in open)
        {
            var job = new BridgeJob(session.Module, bridge, "destroy", session.InstanceId)
            {
                Pool = session.Pool,
                Affinity = new WorkerAffinity(session.WorkerId, AffinityMode.Strict, session.ExecutorEpoch),
                Timeout = TimeSpan.FromSeconds(10),
            };
            try
            {
                await scheduler.SubmitAsync(job).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DspexException or InvalidOperationException)
            {
                // The worker (and with it the instance) is gone, or the scheduler is stopping: nothing left to free.
            }
        }
    }

    private static AffinityMode ToMode(SessionAffinity affinity) => affinity switch
    {
        SessionAffinity.Hint => AffinityMode.Hint,
        SessionAffinity.StrictFailFast => AffinityMode.StrictFailFast,
        _ => AffinityMode.Strict,
    };
}
