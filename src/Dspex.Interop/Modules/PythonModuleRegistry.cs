using System.Collections.Concurrent;

namespace Dspex.Interop;

/// <summary>
/// Maps a generated module interface to the factory of its in-process implementation. Generated code
/// registers each module from a module initializer; <see cref="InProcessExecutor.Bind{TModule}"/> uses it.
/// </summary>
public static class PythonModuleRegistry
{
    private static readonly ConcurrentDictionary<Type, Registration> s_modules = new();

    /// <summary>Registers the in-process implementation of a module interface.</summary>
    /// <typeparam name="TModule">The generated interface.</typeparam>
    /// <param name="moduleName">The Python module it binds (e.g. <c>dspex.examples.math_ops</c>).</param>
    /// <param name="createInProcess">Creates an instance bound to the runtime; called with the GIL not held.</param>
    public static void Register<TModule>(string moduleName, Func<PythonRuntime, TModule> createInProcess)
        where TModule : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleName);
        ArgumentNullException.ThrowIfNull(createInProcess);
        s_modules[typeof(TModule)] = new Registration(moduleName, runtime => createInProcess(runtime));
    }

    /// <summary>The Python module name a module interface binds.</summary>
    /// <typeparam name="TModule">The generated interface.</typeparam>
    /// <returns>The dotted module name.</returns>
    /// <exception cref="InvalidOperationException">The interface was never registered.</exception>
    public static string ModuleNameOf<TModule>()
        where TModule : class
        => Find(typeof(TModule)).ModuleName;

    internal static object CreateInProcess(Type module, PythonRuntime runtime) => Find(module).Create(runtime);

    private static Registration Find(Type module)
        => s_modules.TryGetValue(module, out var registration)
            ? registration
            : throw new InvalidOperationException(
                $"{module.Name} is not a registered Python module interface: generate it from a .py file given as an AdditionalFiles item.");

    private sealed record Registration(string ModuleName, Func<PythonRuntime, object> Create);
}
