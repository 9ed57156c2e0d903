using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>A scheduler job that makes one bridge call; routed by the module path it works on.</summary>
internal sealed class BridgeJob : Job<BridgeCall>
{
    private readonly IPythonBridge _bridge;
    private readonly string _function;
    private readonly object?[] _args;

    public BridgeJob(string module, IPythonBridge bridge, string function, params object?[] args)
        : base(module)
    {
        _bridge = bridge;
        _function = function;
        _args = args;
    }

    public override BridgeCall Execute(JobContext context) =>
        new(_bridge.Invoke(context, _function, _args), context.Worker.Pool, context.Worker.Id, context.ExecutorEpoch);
}
