using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>
/// Reads pipelines described in JSON. Every problem is reported with the path of its field
/// (<c>steps[2].module</c>), all at once.
/// </summary>
/// <remarks>
/// <code>
/// { "name": "triage", "input": { "text": "..." }, "output": "$steps.answer",
///   "steps": [
///     { "name": "clean", "module": "dspex.examples.api.normalize", "args": ["$input.text"], "timeout": 5 },
///     { "name": "facets", "parallel": [
///         { "name": "topic", "module": "dspex.examples.api.classify", "args": ["$steps.clean"] },
///         { "name": "words", "module": "dspex.examples.api.keywords", "args": ["$steps.clean"], "kwargs": { "k": 3 } } ] },
///     { "name": "passages", "map": "$steps.facets.words", "maxParallelism": 4,
///       "step": { "name": "lookup", "module": "dspex.examples.api.retrieve", "args": ["$item"], "kwargs": { "k": 1 } } },
///     { "name": "answer", "branch": "$steps.facets.topic", "equals": "science",
///       "then": [ { "name": "sum", "module": "dspex.examples.api.summarize", "args": ["$input.text"] } ],
///       "else": [ { "name": "plain", "function": "identity", "args": ["$steps.clean"] } ] }
///   ] }
/// </code>
/// A step has a <c>name</c> and exactly one of <c>module</c> (Python), <c>function</c> (C#), <c>parallel</c>,
/// <c>map</c> or <c>branch</c>; any step may set <c>timeout</c> (seconds), <c>continueOnError</c> and
/// <c>fallback</c>. A Python step may set <c>args</c>, <c>kwargs</c>, <c>pool</c>, <c>priority</c>, and for
/// sessions <c>session</c>, <c>create</c>, <c>method</c>, <c>affinity</c> (<c>hint</c>, <c>strict</c>, <c>strictFailFast</c>).
/// </remarks>
public static class PipelineJson
{
    private static readonly string[] Kinds = ["module", "function", "parallel", "map", "branch"];
    private static readonly string[] Common = ["name", "timeout", "continueOnError", "fallback"];
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["module"] = ["module", "args", "kwargs", "pool", "priority", "session", "create", "method", "affinity"],
        ["function"] = ["function", "args"],
        ["parallel"] = ["parallel"],
        ["map"] = ["map", "step", "maxParallelism"],
        ["branch"] = ["branch", "equals", "then", "else"],
    };

    /// <summary>Reads a pipeline from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="defaultName">The name when the JSON gives none (e.g. the file name).</param>
    /// <returns>The validated pipeline.</returns>
    /// <exception cref="PipelineDefinitionException">The JSON is malformed or a field is invalid; each problem names its path.</exception>
    public static Pipeline Parse(string json, string defaultName = "pipeline")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PipelineDefinitionException($"the file is not valid JSON: {ex.Message}", ex);
        }

        return Read(root, defaultName);
    }

    /// <summary>Reads a pipeline from a JSON file; its name defaults to the file's name.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The validated pipeline.</returns>
    /// <exception cref="PipelineDefinitionException">The file is missing, malformed or invalid.</exception>
    public static Pipeline Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelineDefinitionException($"{path}: cannot read the pipeline file: {ex.Message}", ex);
        }

        return Parse(text, Path.GetFileNameWithoutExtension(path));
    }

    private static Pipeline Read(JsonNode? root, string defaultName)
    {
        var problems = new List<string>();
        if (root is not JsonObject obj)
        {
            throw new PipelineDefinitionException($"(root): a pipeline is a JSON object with \"steps\", not {Describe(root)}");
        }

        Unknown(obj, "", ["name", "steps", "output", "input"], problems);
        var name = OptionalString(obj, "name", "", problems) ?? defaultName;
        var output = OptionalString(obj, "output", "", problems);
        var steps = StepList(obj["steps"], "steps", problems, required: true);
        if (problems.Count > 0)
        {
            throw new PipelineDefinitionException(problems);
        }

        return new Pipeline(name, steps, output) { DefaultInput = obj["input"]?.DeepClone() };
    }

    private static List<PipelineStep> StepList(JsonNode? node, string path, List<string> problems, bool required)
    {
        if (node is null)
        {
            if (required)
            {
                problems.Add($"{path}: missing; give a list of steps");
            }

            return [];
        }

        if (node is not JsonArray array)
        {
            problems.Add($"{path}: must be a list of steps, not {Describe(node)}");
            return [];
        }

        var steps = new List<PipelineStep>();
        for (var i = 0; i < array.Count; i++)
        {
            if (Step(array[i], $"{path}[{i}]", problems) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static PipelineStep? Step(JsonNode? node, string path, List<string> problems)
    {
        if (node is not JsonObject obj)
        {
            problems.Add($"{path}: a step must be an object, not {Describe(node)}");
            return null;
        }

        var kinds = Kinds.Where(obj.ContainsKey).ToArray();
        var name = OptionalString(obj, "name", path, problems);
        if (name is null && !problems.Any(p => p.StartsWith(path + ".name", StringComparison.Ordinal)))
        {
            problems.Add($"{path}.name: missing; every step needs a name");
        }

        if (kinds.Length != 1)
        {
            problems.Add(kinds.Length == 0
                ? $"{path}: says no kind; give exactly one of {string.Join(", ", Kinds.Select(k => '"' + k + '"'))}"
                : $"{path}: gives {string.Join(" and ", kinds.Select(k => '"' + k + '"'))}; give exactly one kind");
            return null;
        }

        var kind = kinds[0];
        Unknown(obj, path, [.. Common, .. Fields[kind]], problems);
        var before = problems.Count;
        var timeout = OptionalNumber(obj, "timeout", path, problems);
        var continueOnError = OptionalBool(obj, "continueOnError", path, problems) ?? false;
        var fallback = obj["fallback"]?.DeepClone();
        PipelineStep? step = kind switch
        {
            "module" => PythonStepFrom(obj, path, name, problems),
            "function" => FunctionStepFrom(obj, path, name, problems),
            "parallel" => ParallelFrom(obj, path, name, problems),
            "map" => MapFrom(obj, path, name, problems),
            _ => BranchFrom(obj, path, name, problems),
        };
        if (step is null || name is null || problems.Count > before)
        {
            return null;
        }

        return WithCommon(step, timeout, continueOnError, fallback);
    }

    private static PythonStep? PythonStepFrom(JsonObject obj, string path, string? name, List<string> problems)
    {
        var module = RequiredString(obj, "module", path, problems);
        var args = OptionalOf<JsonArray>(obj, "args", path, "a list", problems);
        var kwargs = OptionalOf<JsonObject>(obj, "kwargs", path, "an object", problems);
        var pool = OptionalString(obj, "pool", path, problems);
        var priority = OptionalInt(obj, "priority", path, problems);
        var session = OptionalString(obj, "session", path, problems);
        var create = OptionalBool(obj, "create", path, problems) ?? false;
        var method = OptionalString(obj, "method", path, problems);
        var affinityText = OptionalString(obj, "affinity", path, problems);
        var affinity = SessionAffinity.Strict;
        if (affinityText is not null && !Enum.TryParse(affinityText, ignoreCase: true, out affinity))
        {
            problems.Add($"{path}.affinity: '{affinityText}' is not one of hint, strict, strictFailFast");
        }

        if (session is null && (create || method is not null || affinityText is not null))
        {
            problems.Add($"{path}.session: \"create\", \"method\" and \"affinity\" need a \"session\" name");
        }

        if (create && method is not null)
        {
            problems.Add($"{path}.method: a create step makes the instance; call a method in a later step");
        }

        if (module is null || name is null)
        {
            return null;
        }

        return new PythonStep(name, module)
        {
            Args = args,
            Kwargs = kwargs,
            Pool = pool,
            Priority = priority,
            Session = session,
            SessionAction = create ? SessionAction.Create : SessionAction.Call,
            Method = method,
            Affinity = affinity,
        };
    }

    private static FunctionStep? FunctionStepFrom(JsonObject obj, string path, string? name, List<string> problems)
    {
        var function = RequiredString(obj, "function", path, problems);
        var args = OptionalOf<JsonArray>(obj, "args", path, "a list", problems);
        return function is null || name is null ? null : new FunctionStep(name, function) { Args = args };
    }

    private static ParallelStep? ParallelFrom(JsonObject obj, string path, string? name, List<string> problems)
    {
        var branches = StepList(obj["parallel"], path + ".parallel", problems, required: true);
        return name is null ? null : new ParallelStep(name, branches);
    }

    private static MapStep? MapFrom(JsonObject obj, string path, string? name, List<string> problems)
    {
        var items = RequiredString(obj, "map", path, problems);
        var body = obj["step"] is null ? null : Step(obj["step"], path + ".step", problems);
        if (obj["step"] is null)
        {
            problems.Add($"{path}.step: missing; a map runs one step per item");
        }

        var parallelism = OptionalInt(obj, "maxParallelism", path, problems) ?? 8;
        return items is null || body is null || name is null ? null : new MapStep(name, items, body) { MaxParallelism = parallelism };
    }

    private static BranchStep? BranchFrom(JsonObject obj, string path, string? name, List<string> problems)
    {
        var condition = RequiredString(obj, "branch", path, problems);
        var then = StepList(obj["then"], path + ".then", problems, required: false);
        var @else = StepList(obj["else"], path + ".else", problems, required: false);
        return condition is null || name is null ? null : new BranchStep(name, condition, then, @else) { EqualsValue = obj["equals"]?.DeepClone() };
    }

    private static PipelineStep WithCommon(PipelineStep step, double? timeout, bool continueOnError, JsonNode? fallback)
    {
        var span = timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return step switch
        {
            PythonStep p => new PythonStep(p.Name, p.Module)
            {
                Args = p.Args,
                Kwargs = p.Kwargs,
                Pool = p.Pool,
                Priority = p.Priority,
                Session = p.Session,
                SessionAction = p.SessionAction,
                Method = p.Method,
                Affinity = p.Affinity,
                Timeout = span,
                ContinueOnError = continueOnError,
                Fallback = fallback,
            },
            FunctionStep f => new FunctionStep(f.Name, f.FunctionName) { Args = f.Args, Timeout = span, ContinueOnError = continueOnError, Fallback = fallback },
            ParallelStep p => new ParallelStep(p.Name, p.Branches) { Timeout = span, ContinueOnError = continueOnError, Fallback = fallback },
            MapStep m => new MapStep(m.Name, m.Items, m.Body) { MaxParallelism = m.MaxParallelism, Timeout = span, ContinueOnError = continueOnError, Fallback = fallback },
            BranchStep b => new BranchStep(b.Name, b.Condition, b.Then, b.Else) { EqualsValue = b.EqualsValue, Timeout = span, ContinueOnError = continueOnError, Fallback = fallback },
            _ => step,
        };
    }

    private static void Unknown(JsonObject obj, string path, string[] known, List<string> problems)
    {
        foreach (var (key, _) in obj)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                var close = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                problems.Add($"{Join(path, key)}: is not a known field{(close is null ? "" : $"; did you mean \"{close}\"?")} (known here: {string.Join(", ", known)})");
            }
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string? RequiredString(JsonObject obj, string key, string path, List<string> problems)
    {
        var value = OptionalString(obj, key, path, problems);
        if (value is null && obj[key] is null)
        {
            problems.Add($"{Join(path, key)}: missing");
        }

        return value;
    }

    private static string? OptionalString(JsonObject obj, string key, string path, List<string> problems)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        problems.Add($"{Join(path, key)}: must be a non-empty string, not {Describe(node)}");
        return null;
    }

    private static bool? OptionalBool(JsonObject obj, string key, string path, List<string> problems)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>();
        }

        problems.Add($"{Join(path, key)}: must be true or false, not {Describe(node)}");
        return null;
    }

    private static double? OptionalNumber(JsonObject obj, string key, string path, List<string> problems)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() is > 0 and < 86_400 * 365 and var seconds)
        {
            return seconds;
        }

        problems.Add($"{Join(path, key)}: must be a positive number of seconds, not {Describe(node)}");
        return null;
    }

    private static int? OptionalInt(JsonObject obj, string key, string path, List<string> problems)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n))
        {
            return n;
        }

        problems.Add($"{Join(path, key)}: must be a whole number, not {Describe(node)}");
        return null;
    }

    private static T? OptionalOf<T>(JsonObject obj, string key, string path, string what, List<string> problems)
        where T : JsonNode
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is T typed)
        {
            return (T)typed.DeepClone();
        }

        problems.Add($"{Join(path, key)}: must be {what}, not {Describe(node)}");
        return null;
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string {node.ToJsonString()}",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"{node.ToJsonString()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => node.ToJsonString(),
    };
}
