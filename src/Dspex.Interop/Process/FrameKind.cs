namespace Dspex.Interop.Process;

/// <summary>The kind byte of a frame on the worker channel (mirrors <c>python/dspex_worker.py</c>).</summary>
internal enum FrameKind : byte
{
    Call = 1,
    Ready = 16,
    Result = 17,
    Error = 18,
    Heartbeat = 19,
    StartFailed = 20,
}
