namespace Dspex.Load;

/// <summary>What a step sees: its invocation number, the caller (closed models), and the run's cancellation.</summary>
internal readonly record struct StepContext(long Invocation, int Copy, CancellationToken CancellationToken);
