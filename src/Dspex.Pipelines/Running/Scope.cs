using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>The data a step's references see: the run's input, outputs so far, and a map body's item.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, JsonNode?> _outputs = new(StringComparer.Ordinal);
    private readonly Scope? _parent;

    private Scope(Scope? parent, JsonNode? input, JsonNode? item, int? index)
    {
        _parent = parent;
        Input = input;
        Item = item;
        Index = index;
    }

    public JsonNode? Input { get; }

    public JsonNode? Item { get; }

    public int? Index { get; }

    public static Scope Root(JsonNode? input) => new(null, input, null, null);

    public Scope ForItem(JsonNode? item, int index) => new(this, Input, item, index);

    public void Set(string step, JsonNode? output)
    {
        lock (_outputs)
        {
            _outputs[step] = output;
        }
    }

    public JsonNode? Resolve(string text)
    {
        var reference = Reference.TryParse(text, out var problem) ?? throw new PipelineDataException(problem!);
        return reference.Root switch
        {
            Reference.Input => reference.Walk(Input, text),
            Reference.Item => reference.Walk(Item, text),
            Reference.Index => JsonValue.Create(Index ?? throw new PipelineDataException($"{text} is only defined inside a map step's body")),
            _ => reference.Walk(Output(reference.Step!, text), text),
        };
    }

    /// <summary>
    /// A deep copy of <paramref name="template"/> with every reference replaced by (a copy of) its value.
    /// The copy is re-read from its JSON text so that numbers convert freely (an int read as a long).
    /// </summary>
    public JsonNode? Fill(JsonNode? template) => FillNodes(template) is { } filled ? JsonNode.Parse(filled.ToJsonString()) : null;

    private JsonNode? FillNodes(JsonNode? template) => template switch
    {
        JsonArray a => new JsonArray([.. a.Select(FillNodes)]),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, FillNodes(p.Value)))),
        JsonValue v when v.TryGetValue<string>(out var s) && Reference.IsReference(s) => Resolve(s)?.DeepClone(),
        JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith("$$", StringComparison.Ordinal) => JsonValue.Create(s[1..]),
        _ => template?.DeepClone(),
    };

    private JsonNode? Output(string step, string text)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            lock (scope._outputs)
            {
                if (scope._outputs.TryGetValue(step, out var output))
                {
                    return output;
                }
            }
        }

        throw new PipelineDataException($"{text}: step '{step}' has not run yet (a step can only use the outputs of steps that ran before it)");
    }
}
