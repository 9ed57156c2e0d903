using System.Globalization;

namespace Dspex.Chaos;

/// <summary>Reads /proc: which processes are our own live Python workers, and this process's resident memory.</summary>
internal static class ProcScan
{
    private const string WorkerScript = "dspex_worker.py";

    /// <summary>Live (not zombie) child of this process running the worker script: the only kind the killer may kill.</summary>
    public static bool IsOurLiveWorker(int pid)
    {
        if (!TryReadStat(pid, out var state, out var parent) || state == 'Z' || parent != Environment.ProcessId)
        {
            return false;
        }

        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(WorkerScript, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether a process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => TryReadStat(pid, out var state, out _) && state != 'Z';

    /// <summary>Every live process whose parent is this one and that runs the worker script.</summary>
    public static IReadOnlyList<int> OurLiveWorkers()
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsOurLiveWorker(pid))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Resident set size of this process, from /proc/self/statm.</summary>
    public static long ResidentBytes()
    {
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    private static bool TryReadStat(int pid, out char state, out int parent)
    {
        state = '?';
        parent = -1;
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");

            // The command name may contain spaces and parentheses: fields start after the last ')'.
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            state = rest[0][0];
            parent = int.Parse(rest[1], CultureInfo.InvariantCulture);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
