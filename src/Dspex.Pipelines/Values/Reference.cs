using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>
/// A reference to data inside a pipeline run: <c>$input[.path]</c>, <c>$steps.NAME[.path]</c>,
/// <c>$item[.path]</c> or <c>$index</c>, where a path is dot-separated object keys and list indexes.
/// A string starting with <c>$$</c> is the literal text after the first <c>$</c>.
/// </summary>
internal sealed record Reference(string Root, string? Step, IReadOnlyList<string> Path)
{
    public const string Input = "input";
    public const string Steps = "steps";
    public const string Item = "item";
    public const string Index = "index";

    public static bool IsReference(string text) => text.Length > 0 && text[0] == '$' && !text.StartsWith("$$", StringComparison.Ordinal);

    /// <summary>Parses a reference; returns a problem description instead when the text is not one.</summary>
    public static Reference? TryParse(string text, out string? problem)
    {
        problem = null;
        var parts = text[1..].Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            problem = $"'{text}' has an empty segment";
            return null;
        }

        switch (parts[0])
        {
            case Input or Item:
                return new Reference(parts[0], null, parts[1..]);
            case Index when parts.Length == 1:
                return new Reference(Index, null, []);
            case Index:
                problem = $"'{text}': $index is a number and has no fields";
                return null;
            case Steps when parts.Length >= 2:
                return new Reference(Steps, parts[1], parts[2..]);
            case Steps:
                problem = $"'{text}' names no step; write $steps.NAME";
                return null;
            default:
                problem = $"'{text}' starts with an unknown root '${parts[0]}'; use $input, $steps.NAME, $item or $index (write $$ for a literal $)";
                return null;
        }
    }

    /// <summary>Walks <see cref="Path"/> from <paramref name="root"/>.</summary>
    /// <exception cref="PipelineDataException">A key or index along the path does not exist.</exception>
    public JsonNode? Walk(JsonNode? root, string text)
    {
        var node = root;
        var walked = Step is null ? "$" + Root : $"${Root}.{Step}";
        foreach (var segment in Path)
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(segment, out var child) => child,
                JsonObject o => throw new PipelineDataException($"{text}: {walked} has no field '{segment}' (fields: {string.Join(", ", o.Select(p => p.Key))})"),
                JsonArray a when int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                JsonArray a => throw new PipelineDataException($"{text}: {walked} is a list of {a.Count}; '{segment}' is not an index in it"),
                null => throw new PipelineDataException($"{text}: {walked} is null, so it has no '{segment}'"),
                _ => throw new PipelineDataException($"{text}: {walked} is a {node.GetValueKind().ToString().ToLowerInvariant()}, so it has no '{segment}'"),
            };
            walked += "." + segment;
        }

        return node;
    }
}
