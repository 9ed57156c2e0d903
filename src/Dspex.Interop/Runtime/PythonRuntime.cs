using System.Runtime.InteropServices;
using System.Text;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// The process's one embedded CPython. It is initialised and finalised on a dedicated thread, without Python's
/// signal handlers, and the GIL is released once start-up is done; every other thread takes it through
/// <see cref="PythonGil"/> with its own persistent thread state.
/// </summary>
/// <remarks>CPython cannot be re-initialised in one process: after <see cref="Dispose"/>, <see cref="Start"/> throws.</remarks>
public sealed unsafe class PythonRuntime : IDisposable
{
    internal static volatile PythonRuntime? s_current;
    private static readonly Lock s_startLock = new();
    private static bool s_finalized;

    private readonly Thread _lifetimeThread;
    private readonly ManualResetEventSlim _stopRequested = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _running;
    private nint _mainThreadState;

    private PythonRuntime(PythonEnvironment environment, IReadOnlyList<string> searchPaths)
    {
        Environment = environment;
        SearchPaths = searchPaths;
        _lifetimeThread = new Thread(Lifetime) { IsBackground = true, Name = "Dspex Python lifetime" };
    }

    /// <summary>The running runtime, or null before <see cref="Start"/> and after <see cref="Dispose"/>.</summary>
    public static PythonRuntime? Current => s_current is { IsRunning: true } runtime ? runtime : null;

    /// <summary>The Python being embedded.</summary>
    public PythonEnvironment Environment { get; }

    /// <summary>The full <c>sys.path</c> the interpreter started with.</summary>
    public IReadOnlyList<string> SearchPaths { get; }

    /// <summary>Whether the interpreter is initialised and not yet finalised.</summary>
    public bool IsRunning => _running;

    internal nint Interpreter { get; private set; }

    /// <summary>The exception type injected to interrupt a running call (a <c>BaseException</c> subclass).</summary>
    internal nint CancelledErrorType { get; private set; }

    internal nint FormatException { get; private set; }

    /// <summary>Starts the embedded interpreter, or returns the running one when it embeds the same Python.</summary>
    /// <param name="options">Which Python and which extra search paths; defaults locate Python from the environment.</param>
    /// <returns>The running runtime.</returns>
    /// <exception cref="PythonEnvironmentException">No usable Python.</exception>
    /// <exception cref="InvalidOperationException">A runtime for another Python is running, or one was already finalised.</exception>
    public static PythonRuntime Start(PythonRuntimeOptions? options = null)
    {
        options ??= new PythonRuntimeOptions();
        lock (s_startLock)
        {
            if (s_current is { } running)
            {
                if (options.Environment is { } wanted && wanted.LibraryPath != running.Environment.LibraryPath)
                {
                    throw new InvalidOperationException(
                        $"Python at '{running.Environment.LibraryPath}' is already embedded; a process can embed only one.");
                }

                return running;
            }

            if (s_finalized)
            {
                throw new InvalidOperationException("The embedded Python was finalised; CPython cannot be initialised twice in one process.");
            }

            var environment = options.Environment ?? PythonEnvironment.Locate();
            var paths = environment.SearchPaths
                .Concat(ProjectPythonFolder() is { } project ? [project] : [])
                .Concat(options.SearchPaths.Select(Path.GetFullPath))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var runtime = new PythonRuntime(environment, paths);
            runtime._lifetimeThread.Start();
            runtime._started.Task.GetAwaiter().GetResult();
            s_current = runtime;
            return runtime;
        }
    }

    /// <summary>Imports a module (or returns it from <c>sys.modules</c>).</summary>
    /// <param name="name">The dotted module name.</param>
    /// <returns>The module object.</returns>
    /// <exception cref="PythonException">The import failed.</exception>
    public PythonObject Import(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ObjectDisposedException.ThrowIf(!_running, this);
        using var gil = PythonGil.Acquire();
        using var module = PyRef.Import(name);
        return module.ToObject();
    }

    /// <summary>Returns an interned Python str, e.g. a keyword name cached by generated code.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The str object.</returns>
    public PythonObject Intern(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(!_running, this);
        var utf8 = Encoding.UTF8.GetBytes(text + "\0");
        using var gil = PythonGil.Acquire();
        fixed (byte* name = utf8)
        {
            using var value = new PyRef(Errors.ThrowIfNull(CPython.PyUnicode_InternFromString(name)));
            return value.ToObject();
        }
    }

    /// <summary>Finalises the interpreter on its lifetime thread. Every Python call must have ended.</summary>
    public void Dispose()
    {
        lock (s_startLock)
        {
            if (!_running)
            {
                return;
            }

            _running = false;
            s_finalized = true;
            s_current = null;
        }

        _stopRequested.Set();
        _lifetimeThread.Join();
        _stopRequested.Dispose();
    }

    private void Lifetime()
    {
        try
        {
            CPython.Load(Environment.LibraryPath);
            SetHome(Environment.Home);
            CPython.Py_InitializeEx(0);
            _mainThreadState = CPython.PyThreadState_Get();
            Interpreter = CPython.PyThreadState_GetInterpreter(_mainThreadState);
            Configure();
            CPython.PyEval_SaveThread();
            _running = true;
        }
        catch (Exception e)
        {
            _started.SetException(e);
            return;
        }

        _started.SetResult();
        _stopRequested.Wait();

        CPython.PyEval_RestoreThread(_mainThreadState);
        ReleaseQueue.Drain();
        _ = CPython.Py_FinalizeEx();
        ReleaseQueue.Discard();
    }

    private void Configure()
    {
        ThreadStates.Adopt(_mainThreadState);
        using (PythonGil.AdoptHeld())
        {
            using (var sys = PyRef.Import("sys"))
            {
                using var list = PyRef.NewList(SearchPaths.Count);
                for (var i = 0; i < SearchPaths.Count; i++)
                {
                    list.SetListItem(i, PyRef.FromString(SearchPaths[i]));
                }

                sys.SetAttribute("path", list);
            }

            fixed (byte* name = "dspex.CancelledError\0"u8)
            {
                CancelledErrorType = CPython.PyErr_NewException(name, CPython.BaseException, 0);
            }

            Errors.ThrowIfNull(CancelledErrorType);
            // threading records its importer as the main thread, and Py_FinalizeEx waits for every other
            // thread that imported it first: import it here, on the thread that will finalize.
            using var threading = PyRef.Import("threading");
            using var traceback = PyRef.Import("traceback");
            using var format = traceback.GetAttribute("format_exception");
            FormatException = format.Detach();
        }

        ThreadStates.Forget();
    }

    private static void SetHome(string home)
    {
        // Without a home the embedded interpreter searches for its stdlib next to the host executable (dotnet).
        var setHome = (delegate* unmanaged<char*, void>)CPython.TryGetExport("Py_SetPythonHome");
        var decode = (delegate* unmanaged<byte*, nint*, char*>)CPython.TryGetExport("Py_DecodeLocale");
        if (setHome != null && decode != null)
        {
            var utf8 = Encoding.UTF8.GetBytes(home + "\0");
            fixed (byte* text = utf8)
            {
                // Py_SetPythonHome keeps the pointer: the decoded copy lives as long as the process.
                var wide = decode(text, null);
                setHome(wide);
            }

            return;
        }

        Libc.SetEnvironment("PYTHONHOME", home);
    }

    private static string? ProjectPythonFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "python");
            if (File.Exists(Path.Combine(candidate, "dspex_worker.py")) || Directory.Exists(Path.Combine(candidate, "dspex")))
            {
                return candidate;
            }
        }

        return null;
    }
}
