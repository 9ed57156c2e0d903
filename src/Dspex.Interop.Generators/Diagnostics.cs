using Microsoft.CodeAnalysis;

namespace Dspex.Interop.Generators;

/// <summary>The generator's diagnostics; each points at the .py file and line it is about.</summary>
internal static class Diagnostics
{
    internal static readonly DiagnosticDescriptor UnsupportedHint = new(
        "DSPEX001",
        "Unsupported Python type hint",
        "{0}({1}): the hint '{2}' of {3} has no C# counterpart; it is exposed as PythonObject",
        "Dspex.Interop",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    internal static readonly DiagnosticDescriptor Unparseable = new(
        "DSPEX002",
        "Python signature not understood",
        "{0}({1}): {2}; no wrapper is generated for it",
        "Dspex.Interop",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    internal static readonly DiagnosticDescriptor Unbindable = new(
        "DSPEX003",
        "Python function cannot be wrapped",
        "{0}({1}): {2} '{3}' cannot be wrapped: {4}",
        "Dspex.Interop",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);
}
