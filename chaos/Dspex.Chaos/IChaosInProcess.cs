namespace Dspex.Chaos;

/// <summary>The general pool's view of <c>chaos_inprocess.py</c>, bound once per in-process worker.</summary>
internal interface IChaosInProcess
{
    long Echo(long jobId, long spinMicroseconds, CancellationToken cancellationToken);

    long Fail(long jobId);

    long Loop(long jobId, CancellationToken cancellationToken);
}
