using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis;

namespace Dspex.Interop.Generators.Tests;

public sealed class DiagnosticTests
{
    [Fact]
    public void Unsupported_hint_falls_back_to_python_object_with_a_warning_naming_file_and_line()
    {
        const string source = "import decimal\n\n\ndef price(amount: decimal.Decimal, n: int) -> set[int]:\n    return {n}\n";
        var run = GeneratorHarness.Run(("/src/shop.py", source));
        var warnings = run.Diagnostics.Where(d => d.Id == "DSPEX001").ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.All(warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.Severity));
        Assert.All(warnings, w => Assert.Equal("/src/shop.py", w.Location.GetLineSpan().Path));
        Assert.All(warnings, w => Assert.Equal(3, w.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains(warnings, w => w.GetMessage().Contains("shop.py(4)", StringComparison.Ordinal) && w.GetMessage().Contains("decimal.Decimal", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.GetMessage().Contains("set[int]", StringComparison.Ordinal));
        var code = run.Sources.Values.Single();
        Assert.Contains("global::Dspex.Interop.PythonObject Price(global::Dspex.Interop.PythonObject amount, long n", code, StringComparison.Ordinal);
        Assert.Empty(run.CompileErrors);
    }

    [Fact]
    public void Unparseable_signature_is_a_warning_and_other_functions_are_still_generated()
    {
        const string source = "def broken(a: int, b: int -> int:\n    pass\n\ndef fine(x: int) -> int:\n    return x\n";
        var run = GeneratorHarness.Run(("/src/odd.py", source));
        var warning = Assert.Single(run.Diagnostics, d => d.Id == "DSPEX002");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("odd.py(1)", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("long Fine(long x", run.Sources.Values.Single(), StringComparison.Ordinal);
        Assert.Empty(run.CompileErrors);
    }

    [Fact]
    public void Variadic_parameters_are_reported_and_skipped()
    {
        var run = GeneratorHarness.Run(("/src/v.py", "def spread(*args: int) -> int:\n    return 0\n"));
        Assert.Single(run.Diagnostics, d => d.Id == "DSPEX003");
        Assert.DoesNotContain("Spread", run.Sources.Values.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keyword_only_and_defaulted_parameters_become_keywords_with_optional_csharp_parameters()
    {
        var run = GeneratorHarness.Run(("/src/k.py", "def f(a: int, b: float = 1.0, *, c: str, d: Optional[int] = None) -> None:\n    pass\n"));
        var code = run.Sources.Values.Single();
        Assert.Contains("void F(long a, string c, double? b = null, long? d = null, global::System.Threading.CancellationToken cancellationToken = default);", code, StringComparison.Ordinal);
        Assert.Contains("args.AddKeyword(_kw_c,", code, StringComparison.Ordinal);
        Assert.Empty(run.CompileErrors);
    }

    [Property(MaxTest = 200)]
    public bool Arbitrary_text_never_crashes_the_generator_and_never_produces_uncompilable_code(NonNull<string> garbage)
    {
        var source = "def " + garbage.Get + "\n" + garbage.Get.Replace("x", "def x(", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(("/src/garbage.py", source));
        return run.Diagnostics.All(d => d.Id.StartsWith("DSPEX", StringComparison.Ordinal)) && run.CompileErrors.Count == 0;
    }
}
