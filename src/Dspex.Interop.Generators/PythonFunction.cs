using System.Collections.Generic;

namespace Dspex.Interop.Generators;

/// <summary>How a parameter may be passed.</summary>
internal enum ParameterKind
{
    PositionalOnly,
    PositionalOrKeyword,
    KeywordOnly,
}

/// <summary>One parameter of a top-level <c>def</c>, as written.</summary>
internal sealed record PythonParameter(string Name, string? Hint, bool HasDefault, ParameterKind Kind);

/// <summary>One top-level <c>def</c> signature; <see cref="Line"/> is 0-based.</summary>
internal sealed record PythonFunction(string Name, IReadOnlyList<PythonParameter> Parameters, string? ReturnHint, int Line, bool HasVariadic);

/// <summary>A <c>def</c> that could not be parsed; <see cref="Line"/> is 0-based.</summary>
internal sealed record ParseProblem(int Line, string Message);
