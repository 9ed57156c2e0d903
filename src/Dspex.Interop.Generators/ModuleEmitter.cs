using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Dspex.Interop.Generators;

/// <summary>Turns one .py file into an interface, its in-process implementation and its registration.</summary>
internal static class ModuleEmitter
{
    private const int MaxArguments = 12;
    private const int MaxKeywords = 6;
    private static readonly char[] s_underscore = ['_'];

    internal static (string? Source, List<Diagnostic> Diagnostics) Emit(string path, string text, string moduleName, string ns)
    {
        var diagnostics = new List<Diagnostic>();
        var fileName = System.IO.Path.GetFileName(path);
        var (functions, problems) = SignatureParser.Parse(text);
        var lines = SourceText.From(text).Lines;
        Location At(int line) => line < lines.Count
            ? Location.Create(path, lines[line].Span, new LinePositionSpan(new LinePosition(line, 0), new LinePosition(line, lines[line].Span.Length)))
            : Location.None;
        string Line(int line) => (line + 1).ToString(CultureInfo.InvariantCulture);

        foreach (var problem in problems)
        {
            diagnostics.Add(Diagnostic.Create(Diagnostics.Unparseable, At(problem.Line), fileName, Line(problem.Line), problem.Message));
        }

        var typeName = Pascal(moduleName.Split('.').Last());
        var interfaceName = "I" + typeName;
        var className = typeName + "InProcess";
        var processName = typeName + "Process";
        var process = new StringBuilder();
        var members = new StringBuilder();
        var implementation = new StringBuilder();
        var fields = new StringBuilder();
        var binds = new StringBuilder();
        var keywords = new SortedSet<string>(StringComparer.Ordinal);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);

        foreach (var function in functions.Where(f => !f.Name.StartsWith("_", StringComparison.Ordinal)))
        {
            if (function.HasVariadic)
            {
                diagnostics.Add(Diagnostic.Create(Diagnostics.Unbindable, At(function.Line), fileName, Line(function.Line), "function", function.Name, "*args and **kwargs have no typed C# form"));
                continue;
            }

            if (function.Parameters.Count > MaxArguments || function.Parameters.Count(p => p.HasDefault || p.Kind == ParameterKind.KeywordOnly) > MaxKeywords)
            {
                diagnostics.Add(Diagnostic.Create(Diagnostics.Unbindable, At(function.Line), fileName, Line(function.Line), "function", function.Name, $"at most {MaxArguments} parameters, {MaxKeywords} of them keyword or defaulted"));
                continue;
            }

            var methodName = Pascal(function.Name);
            if (!usedNames.Add(methodName))
            {
                diagnostics.Add(Diagnostic.Create(Diagnostics.Unbindable, At(function.Line), fileName, Line(function.Line), "function", function.Name, $"another function already maps to {methodName}"));
                continue;
            }

            var returns = TypeMapping.Map(function.ReturnHint, isReturn: true, out var badReturn);
            if (badReturn is not null)
            {
                diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedHint, At(function.Line), fileName, Line(function.Line), badReturn, $"the return of {function.Name}"));
            }

            var signature = new List<string>();
            var optionalSignature = new List<string>();
            var positional = new List<string>();
            var body = new StringBuilder();
            var processBody = new StringBuilder();
            var live = returns.CSharp.Contains("PythonObject");
            foreach (var parameter in function.Parameters)
            {
                var mapped = TypeMapping.Map(parameter.Hint, isReturn: false, out var badHint);
                if (badHint is not null)
                {
                    diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedHint, At(function.Line), fileName, Line(function.Line), badHint, $"parameter '{parameter.Name}' of {function.Name}"));
                }

                var name = Camel(parameter.Name);
                live |= mapped.CSharp.Contains("PythonObject");
                var optional = parameter.HasDefault && parameter.Kind != ParameterKind.PositionalOnly;
                var keyword = optional || parameter.Kind == ParameterKind.KeywordOnly;
                if (optional)
                {
                    var nullable = mapped.CSharp.EndsWith("?", StringComparison.Ordinal) ? mapped.CSharp : mapped.CSharp + "?";
                    optionalSignature.Add($"{nullable} {name} = null");
                    var valueType = mapped.IsValueType && !mapped.CSharp.EndsWith("?", StringComparison.Ordinal);
                    var value = valueType ? $"{name}.Value" : name;
                    var field = "_kw_" + parameter.Name;
                    keywords.Add(parameter.Name);
                    body.AppendLine($"            if ({name} is not null)");
                    body.AppendLine("            {");
                    body.AppendLine($"                args.AddKeyword({field}, {mapped.Converter}.ToPython({value}));");
                    body.AppendLine("            }");
                    body.AppendLine();
                    processBody.AppendLine($"        if ({name} is not null)");
                    processBody.AppendLine("        {");
                    processBody.AppendLine($"            (kwargs ??= new global::System.Collections.Generic.Dictionary<string, object?>()).Add(\"{parameter.Name}\", {value});");
                    processBody.AppendLine("        }");
                    processBody.AppendLine();
                }
                else
                {
                    signature.Add($"{mapped.CSharp} {name}");
                    if (keyword)
                    {
                        keywords.Add(parameter.Name);
                        body.AppendLine($"            args.AddKeyword(_kw_{parameter.Name}, {mapped.Converter}.ToPython({name}));");
                        processBody.AppendLine($"        (kwargs ??= new global::System.Collections.Generic.Dictionary<string, object?>()).Add(\"{parameter.Name}\", {name});");
                    }
                    else
                    {
                        body.AppendLine($"            args.Add({mapped.Converter}.ToPython({name}));");
                        positional.Add(name);
                    }
                }
            }

            // C# wants optional parameters last; the call frame keeps Python's order (positional before keywords).
            signature.AddRange(optionalSignature);
            signature.Add("global::System.Threading.CancellationToken cancellationToken = default");
            var returnType = returns.IsVoid ? "void" : returns.CSharp;
            var parameters = string.Join(", ", signature);
            members.AppendLine($"    /// <summary>Calls <c>{moduleName}.{function.Name}</c>.</summary>");
            members.AppendLine($"    {returnType} {methodName}({parameters});");
            members.AppendLine();

            var fn = "_fn_" + function.Name;
            fields.AppendLine($"    private readonly global::Dspex.Interop.PythonObject {fn};");
            binds.AppendLine($"        {fn} = _module.GetAttribute(\"{function.Name}\");");

            implementation.AppendLine($"    public {returnType} {methodName}({parameters})");
            implementation.AppendLine("    {");
            implementation.AppendLine("        using var gil = global::Dspex.Interop.PythonGil.Acquire();");
            implementation.AppendLine("        var args = new global::Dspex.Interop.PyArguments();");
            implementation.AppendLine("        try");
            implementation.AppendLine("        {");
            implementation.Append(body);
            implementation.AppendLine($"            using var result = {fn}.Invoke(ref args, cancellationToken);");
            implementation.AppendLine(returns.IsVoid
                ? $"            {returns.Converter}.FromPython(in result);"
                : $"            return {returns.Converter}.FromPython(in result);");
            implementation.AppendLine("        }");
            implementation.AppendLine("        finally");
            implementation.AppendLine("        {");
            implementation.AppendLine("            args.Dispose();");
            implementation.AppendLine("        }");
            implementation.AppendLine("    }");
            implementation.AppendLine();

            process.AppendLine($"    public {returnType} {methodName}({parameters})");
            process.AppendLine("    {");
            if (live)
            {
                process.AppendLine($"        throw global::Dspex.Interop.Process.ProcessModuleCall.LiveObject(\"{moduleName}\", \"{function.Name}\");");
            }
            else
            {
                var call = returns.IsVoid
                    ? "global::Dspex.Interop.Process.ProcessModuleCall.CallVoid"
                    : returns.CSharp.EndsWith("?", StringComparison.Ordinal) && !returns.IsValueType
                        ? $"return global::Dspex.Interop.Process.ProcessModuleCall.CallOptional<{returns.CSharp.Substring(0, returns.CSharp.Length - 1)}>"
                        : $"return global::Dspex.Interop.Process.ProcessModuleCall.Call<{returns.CSharp}>";
                process.AppendLine(positional.Count == 0
                    ? "        var args = global::System.Array.Empty<object?>();"
                    : $"        var args = new object?[] {{ {string.Join(", ", positional)} }};");
                process.AppendLine("        global::System.Collections.Generic.Dictionary<string, object?>? kwargs = null;");
                process.Append(processBody);
                process.AppendLine($"        {call}(_worker, \"{moduleName}\", \"{function.Name}\", args, kwargs, _cancellationToken, cancellationToken);");
            }

            process.AppendLine("    }");
            process.AppendLine();
        }

        foreach (var keyword in keywords)
        {
            fields.AppendLine($"    private readonly global::Dspex.Interop.PythonObject _kw_{keyword};");
            binds.AppendLine($"        _kw_{keyword} = runtime.Intern(\"{keyword}\");");
        }

        var source = new StringBuilder();
        source.AppendLine("// <auto-generated/>");
        source.AppendLine($"// Generated by Dspex.Interop.Generators from {fileName}.");
        source.AppendLine("#nullable enable");
        source.AppendLine();
        source.AppendLine($"namespace {ns};");
        source.AppendLine();
        source.AppendLine($"/// <summary>The functions of the Python module <c>{moduleName}</c>, typed from its hints.</summary>");
        source.AppendLine($"public interface {interfaceName}");
        source.AppendLine("{");
        source.Append(members.ToString().TrimEnd()).AppendLine();
        source.AppendLine("}");
        source.AppendLine();
        source.AppendLine($"/// <summary>Calls <c>{moduleName}</c> in the embedded interpreter through cached function objects.</summary>");
        source.AppendLine($"internal sealed class {className} : {interfaceName}, global::System.IDisposable");
        source.AppendLine("{");
        source.AppendLine("    private readonly global::Dspex.Interop.PythonObject _module;");
        source.Append(fields);
        source.AppendLine();
        source.AppendLine($"    public {className}(global::Dspex.Interop.PythonRuntime runtime)");
        source.AppendLine("    {");
        source.AppendLine($"        _module = runtime.Import(\"{moduleName}\");");
        source.Append(binds);
        source.AppendLine("    }");
        source.AppendLine();
        source.Append(implementation);
        source.AppendLine("    public void Dispose()");
        source.AppendLine("    {");
        foreach (var field in fields.ToString().Split('\n').Where(l => l.Contains("private readonly")))
        {
            var name = field.Trim().TrimEnd(';').Split(' ').Last();
            source.AppendLine($"        {name}.Dispose();");
        }

        source.AppendLine("        _module.Dispose();");
        source.AppendLine("    }");
        source.AppendLine("}");
        source.AppendLine();
        source.AppendLine($"/// <summary>Calls <c>{moduleName}</c> in a process worker, with the conversions and Python error details of <see cref=\"{className}\"/>.</summary>");
        source.AppendLine($"internal sealed class {processName} : {interfaceName}");
        source.AppendLine("{");
        source.AppendLine("    private readonly global::Dspex.Interop.Process.IProcessWorker _worker;");
        source.AppendLine("    private readonly global::System.Threading.CancellationToken _cancellationToken;");
        source.AppendLine();
        source.AppendLine($"    public {processName}(global::Dspex.Interop.Process.IProcessWorker worker, global::System.Threading.CancellationToken cancellationToken = default)");
        source.AppendLine("    {");
        source.AppendLine("        _worker = worker ?? throw new global::System.ArgumentNullException(nameof(worker));");
        source.AppendLine("        _cancellationToken = cancellationToken;");
        source.AppendLine("    }");
        source.AppendLine();
        source.Append(process.ToString().TrimEnd()).AppendLine();
        source.AppendLine("}");
        source.AppendLine();
        source.AppendLine($"internal static class {typeName}ModuleRegistration");
        source.AppendLine("{");
        source.AppendLine("    [global::System.Runtime.CompilerServices.ModuleInitializer]");
        source.AppendLine("    internal static void Register()");
        source.AppendLine("    {");
        source.AppendLine($"        global::Dspex.Interop.PythonModuleRegistry.Register<{interfaceName}>(\"{moduleName}\", static runtime => new {className}(runtime));");
        source.AppendLine($"        global::Dspex.Interop.Process.ProcessModuleRegistry.Register<{interfaceName}>(static (worker, cancellationToken) => new {processName}(worker, cancellationToken));");
        source.AppendLine("    }");
        source.AppendLine("}");
        return (source.ToString(), diagnostics);
    }

    internal static string Pascal(string name)
    {
        var builder = new StringBuilder();
        foreach (var part in name.Split(s_underscore, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1));
        }

        var result = builder.Length == 0 ? "Module" : builder.ToString();
        return char.IsDigit(result[0]) ? "_" + result : result;
    }

    internal static string Camel(string name)
    {
        var pascal = Pascal(name);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None || camel is "args" or "kwargs" or "result" or "gil" ? "@" + camel : camel;
    }
}
