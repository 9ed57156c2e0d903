using System.Runtime.InteropServices;

namespace Dspex.Interop.Process.Native;

/// <summary>
/// The few libc calls .NET has no API for: sending a chosen signal to a process or process group, and asking
/// whether a pipe has data without reading it.
/// </summary>
internal static partial class LibC
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGSTOP = 19;
    public const int SIGCONT = 18;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Signals the worker's process group (the worker makes itself a group leader at start), else the process alone.</summary>
    public static bool SignalGroup(int pid, int signal) => Kill(-pid, signal) == 0 || Kill(pid, signal) == 0;

    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>
    /// Whether <paramref name="fd"/> can be read without blocking: data, end of file or an error (a read then
    /// returns at once). Never waits.
    /// </summary>
    public static bool Readable(int fd)
    {
        var entry = new PollFd { Fd = fd, Events = POLLIN };
        return Poll(ref entry, 1, 0) != 0;
    }

    private const short POLLIN = 1;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
