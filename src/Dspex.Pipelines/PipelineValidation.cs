using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>Checks a pipeline as a whole: unique names, known references, sessions that are created, sane limits.</summary>
internal static class PipelineValidation
{
    public static List<string> Validate(Pipeline pipeline)
    {
        var problems = new List<string>();
        var all = new List<(string Path, PipelineStep Step, bool InMap)>();
        if (pipeline.Steps.Count == 0)
        {
            problems.Add("steps: a pipeline needs at least one step");
        }

        for (var i = 0; i < pipeline.Steps.Count; i++)
        {
            Collect($"steps[{i}]", pipeline.Steps[i], inMap: false, all);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, step, _) in all)
        {
            if (!names.TryAdd(step.Name, path))
            {
                problems.Add($"{path}.name: '{step.Name}' is already the name of {names[step.Name]}; step names must be unique");
            }
        }

        var sessions = all.Select(s => s.Step).OfType<PythonStep>()
            .Where(p => p.Session is not null && p.SessionAction == SessionAction.Create)
            .Select(p => p.Session!).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, step, inMap) in all)
        {
            if (step.Timeout is { } timeout && timeout <= TimeSpan.Zero)
            {
                problems.Add($"{path}.timeout: must be positive, not {timeout.TotalSeconds} s");
            }

            switch (step)
            {
                case PythonStep python:
                    if (!IsModulePath(python.Module))
                    {
                        problems.Add($"{path}.module: '{python.Module}' is not a dotted Python path such as 'package.module.Name'");
                    }

                    if (python.Priority is < 0)
                    {
                        problems.Add($"{path}.priority: must be 0 or more, not {python.Priority}");
                    }

                    if (python is { Session: { } session, SessionAction: SessionAction.Call } && !sessions.Contains(session))
                    {
                        problems.Add($"{path}.session: no step creates session '{session}' (add a step with \"create\": true and \"session\": \"{session}\")");
                    }

                    CheckTemplate($"{path}.args", python.Args, names, inMap, problems);
                    CheckTemplate($"{path}.kwargs", python.Kwargs, names, inMap, problems);
                    break;
                case FunctionStep function:
                    CheckTemplate($"{path}.args", function.Args, names, inMap, problems);
                    break;
                case ParallelStep parallel when parallel.Branches.Count == 0:
                    problems.Add($"{path}.parallel: a parallel step needs at least one branch");
                    break;
                case MapStep map:
                    if (map.MaxParallelism < 1)
                    {
                        problems.Add($"{path}.maxParallelism: must be at least 1, not {map.MaxParallelism}");
                    }

                    CheckReference($"{path}.map", map.Items, names, inMap, problems);
                    break;
                case BranchStep branch:
                    CheckReference($"{path}.branch", branch.Condition, names, inMap, problems);
                    if (branch.Then.Count == 0 && branch.Else.Count == 0)
                    {
                        problems.Add($"{path}: a branch needs steps under 'then' or 'else'");
                    }

                    break;
            }
        }

        if (pipeline.Output is { } output)
        {
            CheckReference("output", output, names, inMap: false, problems);
        }

        return problems;
    }

    private static void Collect(string path, PipelineStep step, bool inMap, List<(string, PipelineStep, bool)> all)
    {
        all.Add((path, step, inMap));
        foreach (var (child, nested) in step.Children)
        {
            Collect($"{path}.{child}", nested, inMap || step is MapStep, all);
        }
    }

    internal static bool IsModulePath(string path) =>
        path.Split('.').All(part => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_'));

    private static void CheckTemplate(string path, JsonNode? node, Dictionary<string, string> names, bool inMap, List<string> problems)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckTemplate($"{path}[{i}]", array[i], names, inMap, problems);
                }

                break;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    CheckTemplate($"{path}.{key}", value, names, inMap, problems);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && Reference.IsReference(text):
                CheckReference(path, text, names, inMap, problems);
                break;
        }
    }

    private static void CheckReference(string path, string text, Dictionary<string, string> names, bool inMap, List<string> problems)
    {
        if (!Reference.IsReference(text))
        {
            problems.Add($"{path}: '{text}' is not a reference; write $input, $steps.NAME, $item or $index");
            return;
        }

        var reference = Reference.TryParse(text, out var problem);
        if (reference is null)
        {
            problems.Add($"{path}: {problem}");
        }
        else if (reference.Root == Reference.Steps && !names.ContainsKey(reference.Step!))
        {
            problems.Add($"{path}: '{text}' names no step of this pipeline (steps: {string.Join(", ", names.Keys)})");
        }
        else if (reference.Root is Reference.Item or Reference.Index && !inMap)
        {
            problems.Add($"{path}: '{text}' is only defined inside a map step's body");
        }
    }
}
