using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>
/// C# functions every runner knows, for JSON pipelines: <c>identity</c> (its first argument), <c>count</c>
/// (length of a list, object or string), <c>join</c> (strings of a list joined by an optional separator),
/// <c>object</c> (pairs of key, value arguments to an object), <c>flatten</c> (a list of lists to one list).
/// </summary>
public static class BuiltInFunctions
{
    /// <summary>A fresh dictionary of the built-in functions (ordinal names).</summary>
    /// <returns>The functions by name.</returns>
    public static Dictionary<string, PipelineFunction> Create() => new(StringComparer.Ordinal)
    {
        ["identity"] = (args, _) => ValueTask.FromResult(args.Count > 0 ? args[0]?.DeepClone() : null),
        ["count"] = (args, _) => ValueTask.FromResult<JsonNode?>(Count(Single(args, "count"))),
        ["join"] = (args, _) => ValueTask.FromResult<JsonNode?>(Join(args)),
        ["object"] = (args, _) => ValueTask.FromResult<JsonNode?>(ToObject(args)),
        ["flatten"] = (args, _) => ValueTask.FromResult<JsonNode?>(Flatten(Single(args, "flatten"))),
    };

    private static JsonNode? Single(JsonArray args, string name) =>
        args.Count == 1 ? args[0] : throw new ArgumentException($"function '{name}' takes 1 argument, not {args.Count}", nameof(args));

    private static int Count(JsonNode? node) => node switch
    {
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length,
        _ => throw new ArgumentException($"function 'count' needs a list, object or string, not {node?.GetValueKind().ToString() ?? "null"}", nameof(node)),
    };

    private static string Join(JsonArray args)
    {
        if (args.Count is < 1 or > 2 || args[0] is not JsonArray items)
        {
            throw new ArgumentException("function 'join' takes a list and an optional separator", nameof(args));
        }

        var separator = args.Count == 2 ? args[1]?.GetValue<string>() ?? "" : " ";
        return string.Join(separator, items.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : i?.ToJsonString() ?? "null"));
    }

    private static JsonObject ToObject(JsonArray args)
    {
        if (args.Count % 2 != 0)
        {
            throw new ArgumentException($"function 'object' takes key, value pairs; it got {args.Count} arguments", nameof(args));
        }

        var result = new JsonObject();
        for (var i = 0; i < args.Count; i += 2)
        {
            var key = args[i] is JsonValue k && k.TryGetValue<string>(out var s) ? s : throw new ArgumentException($"function 'object': argument {i} must be a string key", nameof(args));
            result[key] = args[i + 1]?.DeepClone();
        }

        return result;
    }

    private static JsonArray Flatten(JsonNode? node)
    {
        if (node is not JsonArray lists)
        {
            throw new ArgumentException("function 'flatten' needs a list of lists", nameof(node));
        }

        var result = new JsonArray();
        foreach (var inner in lists)
        {
            foreach (var item in inner as JsonArray ?? [inner?.DeepClone()])
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }
}
