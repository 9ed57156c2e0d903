using System.Runtime.InteropServices;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// Interrupts a running call from another thread by scheduling <c>dspex.CancelledError</c> (a
/// <c>BaseException</c>, so <c>except Exception</c> does not swallow it) in the calling thread's state.
/// </summary>
internal static class Cancellation
{
    internal static PyRef Invoke(nint callable, scoped ref PyArguments arguments, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var state = new CallState(CPython.PyThread_get_thread_ident());
        var registration = token.UnsafeRegister(static s => ((CallState)s!).Interrupt(), state);
        nint result;
        try
        {
            result = arguments.Call(callable);
        }
        finally
        {
            // Both sides hold the GIL when they touch Active, so no interrupt can be scheduled after this line;
            // Unregister does not wait for a running callback, which would deadlock on the GIL we hold.
            state.Active = false;
            registration.Unregister();
        }

        if (state.Interrupted)
        {
            // An interrupt scheduled after the call's last bytecode is still pending: clear it.
            _ = CPython.PyThreadState_SetAsyncExc(state.ThreadId, 0);
        }

        if (result == 0)
        {
            throw Errors.TakeCurrent(token);
        }

        return new PyRef(result);
    }

    private sealed class CallState(CULong threadId)
    {
        internal CULong ThreadId { get; } = threadId;

        internal bool Active { get; set; } = true;

        internal bool Interrupted { get; private set; }

        internal void Interrupt()
        {
            var runtime = PythonRuntime.s_current;
            if (runtime is null || !runtime.IsRunning)
            {
                return;
            }

            using var gil = PythonGil.Acquire();
            if (Active)
            {
                Interrupted = true;
                _ = CPython.PyThreadState_SetAsyncExc(ThreadId, runtime.CancelledErrorType);
            }
        }
    }
}
