using System.Collections.Immutable;
using Dspex.Interop.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Dspex.Interop.Generators.Tests;

/// <summary>Runs the generator over in-memory .py files and compiles what it emits.</summary>
internal static class GeneratorHarness
{
    public static GeneratorRun Run(params (string Path, string Text)[] files)
    {
        var compilation = CSharpCompilation.Create(
            "Generated",
            [CSharpSyntaxTree.ParseText("namespace Probe; internal static class Anchor { }")],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var texts = files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new PythonModuleGenerator().AsSourceGenerator()], texts, (CSharpParseOptions)compilation.SyntaxTrees[0].Options, new Options());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        return new GeneratorRun(
            result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            diagnostics.AddRange(result.Diagnostics).Distinct().ToArray(),
            output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray());
    }

    private static IEnumerable<MetadataReference> References()
    {
        _ = typeof(Dspex.Interop.PythonRuntime);
        _ = typeof(Dspex.Scheduler.IJobExecutor);
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location));
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new() { ["build_property.DspexPythonNamespace"] = "Snapshot.Python" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values([]);
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            var found = values.TryGetValue(key, out var text);
            value = text ?? string.Empty;
            return found;
        }
    }
}

internal sealed record GeneratorRun(IReadOnlyDictionary<string, string> Sources, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Diagnostic> CompileErrors);
