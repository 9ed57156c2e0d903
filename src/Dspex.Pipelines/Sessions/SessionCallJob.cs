using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// Calls a session's instance. With a <see cref="AffinityMode.Hint"/> affinity the job may land on another
/// worker; there it first recreates the instance from the session's constructor arguments, and the session
/// moves to that worker.
/// </summary>
internal sealed class SessionCallJob(PipelineSession session, IPythonBridge bridge, object? args, object? kwargs, string? method)
    : Job<(BridgeCall Call, PipelineSession Session)>(session.Module)
{
    public override (BridgeCall Call, PipelineSession Session) Execute(JobContext context)
    {
        var current = session;
        if (context.Worker.Id != session.WorkerId || context.ExecutorEpoch != session.ExecutorEpoch)
        {
            var id = bridge.Invoke(context, "create", [session.Module, session.CreateKwargs]) as string
                ?? throw new InvalidOperationException($"bridge.create({session.Module}) returned no instance id");
            current = session with { InstanceId = id, WorkerId = context.Worker.Id, ExecutorEpoch = context.ExecutorEpoch };
        }

        var value = bridge.Invoke(context, "call_instance", [current.InstanceId, args, kwargs, method]);
        return (new BridgeCall(value, context.Worker.Pool, context.Worker.Id, context.ExecutorEpoch), current);
    }
}
