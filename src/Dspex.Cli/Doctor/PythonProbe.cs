using System.Diagnostics;
using System.Text.Json;

namespace Dspex.Cli;

/// <summary>What the Python that workers would use looks like: path, version, libpython, numpy, dspy.</summary>
internal sealed record PythonProbe(
    string Requested,
    string? Executable,
    string? Version,
    string? LibPython,
    bool LibPythonFound,
    string? NumpyVersion,
    string? DspyVersion,
    string? Error)
{
    private const string Script = """
        import json, os, sys, sysconfig, importlib.util
        def version(name):
            if importlib.util.find_spec(name) is None:
                return None
            try:
                return getattr(__import__(name), "__version__", "unknown")
            except Exception as exc:
                return "broken: %s: %s" % (type(exc).__name__, exc)
        libdir = sysconfig.get_config_var("LIBDIR") or ""
        ldlib = sysconfig.get_config_var("LDLIBRARY") or ""
        candidates = [os.path.join(libdir, ldlib), os.path.join(libdir, "libpython%s.so.1.0" % sysconfig.get_python_version()),
                      os.path.join(libdir, sysconfig.get_config_var("MULTIARCH") or "", "libpython%s.so.1.0" % sysconfig.get_python_version())]
        found = next((c for c in candidates if c and os.path.isfile(c)), None)
        print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0], "libpython": found or os.path.join(libdir, ldlib),
                          "libpython_found": found is not None, "numpy": version("numpy"), "dspy": version("dspy")}))
        """;

    /// <summary>The interpreter workers use: DSPEX_PYTHON (an interpreter or a virtual environment), else VIRTUAL_ENV, else python3.</summary>
    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("DSPEX_PYTHON");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.Combine(configured, "bin", "python3") : configured;
        }

        var venv = Environment.GetEnvironmentVariable("VIRTUAL_ENV");
        return string.IsNullOrWhiteSpace(venv) ? "python3" : Path.Combine(venv, "bin", "python3");
    }

    public static PythonProbe Run(string python)
    {
        try
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(20_000))
            {
                process.Kill(entireProcessTree: true);
                return Failed(python, "did not answer within 20 s");
            }

            if (process.ExitCode != 0)
            {
                return Failed(python, $"exited with code {process.ExitCode}: {stderr.Result.Trim()}");
            }

            using var doc = JsonDocument.Parse(stdout.Result);
            var r = doc.RootElement;
            return new PythonProbe(
                python,
                r.GetProperty("executable").GetString(),
                r.GetProperty("version").GetString(),
                r.GetProperty("libpython").GetString(),
                r.GetProperty("libpython_found").GetBoolean(),
                r.GetProperty("numpy").GetString(),
                r.GetProperty("dspy").GetString(),
                null);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return Failed(python, $"cannot be started: {ex.Message}");
        }
        catch (JsonException ex)
        {
            return Failed(python, $"gave an unreadable answer: {ex.Message}");
        }
    }

    private static PythonProbe Failed(string python, string error) => new(python, null, null, null, false, null, null, error);
}
