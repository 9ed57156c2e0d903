using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

/// <summary>The few glibc functions (libdl.so.2 forwards to libc on glibc 2.34+) the loader needs: <c>dlopen</c> with <c>RTLD_GLOBAL</c> and <c>dlerror</c>.</summary>
internal static unsafe partial class Libc
{
    private const int RtldNow = 0x2;
    private const int RtldGlobal = 0x100;

    [LibraryImport("libdl.so.2", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint DlOpen(string path, int flags);

    [LibraryImport("libdl.so.2", EntryPoint = "dlerror")]
    private static partial byte* DlError();

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    /// <summary>Sets a variable in the native environment, which the managed Environment API does not change on Unix.</summary>
    internal static void SetEnvironment(string name, string value)
    {
        if (SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed.");
        }
    }

    /// <summary>Opens a shared library with <c>RTLD_NOW | RTLD_GLOBAL</c>, or throws with dlerror's text.</summary>
    internal static nint OpenGlobal(string path)
    {
        var handle = DlOpen(path, RtldNow | RtldGlobal);
        if (handle == 0)
        {
            var error = DlError();
            var text = error == null ? "unknown error" : Marshal.PtrToStringUTF8((nint)error);
            throw new DllNotFoundException($"Could not load libpython '{path}': {text}");
        }

        return handle;
    }
}
