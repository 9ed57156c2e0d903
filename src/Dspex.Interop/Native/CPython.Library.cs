using System.Reflection;
using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

/// <summary>
/// The CPython C API, bound to the libpython that <see cref="Load"/> opened. Only functions of the stable ABI
/// (plus <c>Py_buffer</c>, whose layout is fixed by PEP 3118) are declared; raw pointers never leave this layer's
/// callers inside the interop core.
/// </summary>
internal static unsafe partial class CPython
{
    /// <summary>The placeholder library name every declaration uses; the resolver maps it to the loaded handle.</summary>
    internal const string Library = "dspex-libpython";

    private static nint s_library;

    /// <summary>The handle of the loaded libpython, or 0 before <see cref="Load"/>.</summary>
    internal static nint Handle => s_library;

    /// <summary>
    /// Opens libpython once with global symbol visibility, so that C extensions such as numpy, which do not
    /// link libpython themselves, resolve its symbols.
    /// </summary>
    /// <param name="path">The shared library to open.</param>
    internal static void Load(string path)
    {
        if (s_library != 0)
        {
            return;
        }

        nint handle;
        if (OperatingSystem.IsLinux())
        {
            handle = Libc.OpenGlobal(path);
        }
        else
        {
            handle = NativeLibrary.Load(path);
        }

        NativeLibrary.SetDllImportResolver(typeof(CPython).Assembly, Resolve);
        s_library = handle;
        LoadExports();
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
        => name == Library ? s_library : 0;

    /// <summary>Returns the address of an exported symbol, or 0 when this libpython does not export it.</summary>
    internal static nint TryGetExport(string name)
        => NativeLibrary.TryGetExport(s_library, name, out var address) ? address : 0;

    private static nint GetExport(string name)
        => NativeLibrary.TryGetExport(s_library, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"libpython does not export '{name}'.");
}
