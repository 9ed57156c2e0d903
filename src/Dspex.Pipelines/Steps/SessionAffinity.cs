namespace Dspex.Pipelines;

/// <summary>How a session call is tied to the worker that holds the session's instance.</summary>
public enum SessionAffinity
{
    /// <summary>Prefer that worker when it is idle, else any worker of the pool (right for stateless instances recreated on demand).</summary>
    Hint,

    /// <summary>Wait for that worker; fail with <c>SessionLostException</c> when it is gone.</summary>
    Strict,

    /// <summary>Fail at once with <c>WorkerBusyException</c> when that worker is busy or gone.</summary>
    StrictFailFast,
}
