namespace Dspex.Pipelines;

/// <summary>The bridge implementations that ship with Dspex.</summary>
public static class PythonBridges
{
    /// <summary>The Python module whose functions the bridge calls.</summary>
    public const string BridgeModule = "dspex.bridge";

    /// <summary>Calls through the job's process worker (<see cref="Dspex.Interop.Process.IProcessWorker"/>); Python errors surface as <see cref="Dspex.Interop.Process.PythonProcessException"/>.</summary>
    public static IPythonBridge Process { get; } = new ProcessPythonBridge();

    /// <summary>Calls through the embedded interpreter on the job's <see cref="Dspex.Interop.InProcessExecutor"/> worker; Python errors surface as <see cref="Dspex.Interop.PythonException"/>.</summary>
    public static IPythonBridge InProcess { get; } = new InProcessPythonBridge();

    /// <summary>
    /// <see cref="InProcess"/> for jobs on in-process executors, <see cref="Process"/> for the rest: the bridge for
    /// schedulers built with <see cref="PythonPools.Components"/>, whose pools differ in isolation.
    /// </summary>
    public static IPythonBridge ByExecutor { get; } = new ExecutorPythonBridge(InProcess, Process);

    /// <summary>The folder holding the <c>dspex</c> Python package and its data, shipped beside this assembly; put it on the workers' <c>sys.path</c>.</summary>
    public static string PackageDirectory => Path.Combine(AppContext.BaseDirectory, "python");
}
