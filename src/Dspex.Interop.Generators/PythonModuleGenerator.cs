using System;
using System.IO;
using Microsoft.CodeAnalysis;

namespace Dspex.Interop.Generators;

/// <summary>
/// Generates a typed C# interface and in-process implementation for each <c>.py</c> file given as an
/// <c>AdditionalFiles</c> item. The module name is the file name, or the item's <c>DspexModule</c> metadata;
/// the namespace is the <c>DspexPythonNamespace</c> property, else the project's root namespace.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PythonModuleGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var ns = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property.DspexPythonNamespace", out var value) && value.Length > 0 ? value
            : options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root) && root.Length > 0 ? root + ".Python"
            : "Dspex.Python");

        var files = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".py", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, token) =>
            {
                var (file, options) = pair;
                var module = options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.DspexModule", out var value) && value.Length > 0
                    ? value
                    : Path.GetFileNameWithoutExtension(file.Path);
                return (file.Path, Text: file.GetText(token)?.ToString() ?? string.Empty, Module: module);
            });

        context.RegisterSourceOutput(files.Combine(ns), static (production, input) =>
        {
            var ((path, text, module), ns) = input;
            var (source, diagnostics) = ModuleEmitter.Emit(path, text, module, ns);
            foreach (var diagnostic in diagnostics)
            {
                production.ReportDiagnostic(diagnostic);
            }

            if (source is not null)
            {
                production.AddSource(ModuleEmitter.Pascal(module.Replace('.', '_')) + ".g.cs", source);
            }
        });
    }
}
