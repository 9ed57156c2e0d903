using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;
using System.Globalization;
using System.Text.Json;

namespace Dspex.Interop;

/// <summary>
/// A Python installation that can be embedded: its interpreter, version, shared libpython, home and
/// <c>sys.path</c>, as reported once by the interpreter itself.
/// </summary>
public sealed class PythonEnvironment
{
    /// <summary>The lowest supported Python version.</summary>
    public static readonly Version MinimumVersion = new(3, 9);

    /// <summary>The highest supported Python version.</summary>
    public static readonly Version MaximumVersion = new(3, 13);

    // Printed by the interpreter; one JSON object so that paths with any characters survive.
    private const string ProbeScript = """
        import json, os, sys, sysconfig
        v = sysconfig.get_config_var
        print(json.dumps({
            "version": "%d.%d.%d" % sys.version_info[:3],
            "executable": sys.executable,
            "prefix": sys.prefix,
            "base_prefix": sys.base_prefix,
            "base_exec_prefix": sys.base_exec_prefix,
            "shared": v("Py_ENABLE_SHARED"),
            "ldlibrary": v("LDLIBRARY"),
            "instsoname": v("INSTSONAME"),
            "libdir": v("LIBDIR"),
            "multiarch": v("MULTIARCH"),
            "path": [p for p in sys.path if p],
        }))
        """;

    private PythonEnvironment(
        string executable, Version version, string libraryPath, string home, IReadOnlyList<string> searchPaths)
    {
        Executable = executable;
        Version = version;
        LibraryPath = libraryPath;
        Home = home;
        SearchPaths = searchPaths;
    }

    /// <summary>The interpreter that was asked.</summary>
    public string Executable { get; }

    /// <summary>The interpreter's version (major.minor.micro).</summary>
    public Version Version { get; }

    /// <summary>The shared libpython to load.</summary>
    public string LibraryPath { get; }

    /// <summary>The Python home (<c>sys.base_prefix</c>): where the standard library lives.</summary>
    public string Home { get; }

    /// <summary>The interpreter's <c>sys.path</c> (standard library, site-packages, the venv's packages).</summary>
    public IReadOnlyList<string> SearchPaths { get; }

    /// <summary>
    /// Finds Python from, in order: <c>DSPEX_PYTHON</c> (an interpreter or a venv folder), an active
    /// <c>VIRTUAL_ENV</c>, <c>python3</c> on <c>PATH</c>.
    /// </summary>
    /// <returns>The environment the interpreter describes.</returns>
    /// <exception cref="PythonEnvironmentException">None is found, or it cannot be embedded.</exception>
    public static PythonEnvironment Locate()
    {
        var chosen = System.Environment.GetEnvironmentVariable("DSPEX_PYTHON");
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return FromInterpreter(ResolveInterpreter(chosen, "DSPEX_PYTHON"));
        }

        var venv = System.Environment.GetEnvironmentVariable("VIRTUAL_ENV");
        if (!string.IsNullOrWhiteSpace(venv))
        {
            return FromInterpreter(ResolveInterpreter(venv, "VIRTUAL_ENV"));
        }

        var onPath = FindOnPath("python3") ?? throw new PythonEnvironmentException(
            "No Python found: set DSPEX_PYTHON to an interpreter or venv, activate a venv, or put python3 on PATH.");
        return FromInterpreter(onPath);
    }

    /// <summary>Asks one interpreter (or the interpreter of a venv folder) to describe itself.</summary>
    /// <param name="interpreterOrVenv">A python executable, or a venv folder.</param>
    /// <returns>The environment the interpreter describes.</returns>
    /// <exception cref="PythonEnvironmentException">It cannot be run, is a static build, or its version is unsupported.</exception>
    public static PythonEnvironment FromInterpreter(string interpreterOrVenv)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(interpreterOrVenv);
        var executable = ResolveInterpreter(interpreterOrVenv, nameof(interpreterOrVenv));
        var probe = RunProbe(executable);
        return FromProbe(executable, probe);
    }

    internal static PythonEnvironment FromProbe(string executable, JsonElement probe)
    {
        var version = Version.Parse(probe.GetProperty("version").GetString()!);
        var minor = new Version(version.Major, version.Minor);
        if (minor < MinimumVersion || minor > MaximumVersion)
        {
            throw new PythonEnvironmentException(
                $"Python {version} at '{executable}' is not supported: Dspex embeds Python {MinimumVersion}–{MaximumVersion}. " +
                "Point DSPEX_PYTHON at a supported interpreter.");
        }

        var home = probe.GetProperty("base_prefix").GetString()!;
        var library = FindSharedLibrary(probe) ?? throw new PythonEnvironmentException(
            $"Python {version} at '{executable}' has no shared libpython (it is a static build, Py_ENABLE_SHARED=0, or the " +
            $"library is not installed). Install the shared library (Debian/Ubuntu: apt-get install libpython{version.Major}.{version.Minor}; " +
            "pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared pyenv install) or choose another interpreter with DSPEX_PYTHON.");

        var paths = probe.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToArray();
        return new PythonEnvironment(executable, version, library, home, paths);
    }

    private static string? FindSharedLibrary(JsonElement probe)
    {
        string? Text(string name)
            => probe.GetProperty(name).ValueKind == JsonValueKind.String ? probe.GetProperty(name).GetString() : null;

        var names = new[] { Text("instsoname"), Text("ldlibrary") }
            .Where(n => !string.IsNullOrEmpty(n) && !n!.EndsWith(".a", StringComparison.Ordinal))
            .Distinct()
            .ToArray();
        var folders = new List<string>();
        if (Text("libdir") is { } libdir)
        {
            folders.Add(libdir);
            if (Text("multiarch") is { Length: > 0 } multiarch)
            {
                folders.Add(Path.Combine(libdir, multiarch));
            }
        }

        folders.Add(Path.Combine(Text("base_prefix") ?? string.Empty, "lib"));
        foreach (var folder in folders)
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name!);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static JsonElement RunProbe(string executable)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-I");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ProbeScript);

        try
        {
            using var process = OsProcess.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new PythonEnvironmentException($"'{executable}' did not answer within 30 s.");
            }

            if (process.ExitCode != 0)
            {
                throw new PythonEnvironmentException(
                    $"'{executable}' failed to describe itself (exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {stderr.Trim()}");
            }

            using var document = JsonDocument.Parse(stdout.Result);
            return document.RootElement.Clone();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PythonEnvironmentException($"Could not run Python '{executable}': {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new PythonEnvironmentException($"'{executable}' is not a Python 3 interpreter: {e.Message}", e);
        }
    }

    private static string ResolveInterpreter(string value, string source)
    {
        if (Directory.Exists(value))
        {
            foreach (var candidate in new[] { "bin/python3", "bin/python", "Scripts/python.exe" })
            {
                var path = Path.Combine(value, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new PythonEnvironmentException($"{source}='{value}' is a folder without bin/python3: it is not a venv.");
        }

        if (File.Exists(value))
        {
            return value;
        }

        return FindOnPath(value) ?? throw new PythonEnvironmentException(
            $"{source}='{value}' is neither an interpreter nor a venv folder.");
    }

    private static string? FindOnPath(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        var path = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
