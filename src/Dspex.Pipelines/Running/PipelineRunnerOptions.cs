using System.Diagnostics.Metrics;

namespace Dspex.Pipelines;

/// <summary>What a <see cref="PipelineRunner"/> plugs in: the Python bridge, named C# functions, clock and meter.</summary>
public sealed class PipelineRunnerOptions
{
    /// <summary>How Python steps reach Python on their worker: by default the embedded interpreter on in-process pools and the worker process on process pools.</summary>
    public IPythonBridge Bridge { get; init; } = PythonBridges.ByExecutor;

    /// <summary>Functions that <see cref="FunctionStep"/>s (and JSON <c>"function"</c> steps) name; starts with <see cref="BuiltInFunctions"/>.</summary>
    public IDictionary<string, PipelineFunction> Functions { get; } = BuiltInFunctions.Create();

    /// <summary>The clock of step timeouts and durations (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Creates the <c>Dspex.Pipelines</c> meter; when null it is created directly.</summary>
    public IMeterFactory? MeterFactory { get; init; }
}
