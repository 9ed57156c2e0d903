namespace Dspex.Interop.Process;

/// <summary>Finds the interpreter for worker processes: <c>DSPEX_PYTHON</c>, else <c>VIRTUAL_ENV</c>, else <c>python3</c>.</summary>
internal static class PythonLocator
{
    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("DSPEX_PYTHON");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? InEnvironment(configured, "DSPEX_PYTHON") : configured;
        }

        var venv = Environment.GetEnvironmentVariable("VIRTUAL_ENV");
        return string.IsNullOrWhiteSpace(venv) ? "python3" : InEnvironment(venv, "VIRTUAL_ENV");
    }

    private static string InEnvironment(string root, string variable)
    {
        foreach (var name in new[] { "python3", "python" })
        {
            var candidate = Path.Combine(root, "bin", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{variable}={root} is a directory without bin/python3 or bin/python.");
    }

    public static string DefaultWorkerScript() => Path.Combine(AppContext.BaseDirectory, "python", "dspex_worker.py");
}
