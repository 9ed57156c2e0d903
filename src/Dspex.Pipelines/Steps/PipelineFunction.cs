using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>A C# function a <see cref="FunctionStep"/> runs.</summary>
/// <param name="args">The step's arguments with references resolved (deep copies: the function may keep or change them).</param>
/// <param name="cancellationToken">Cancelled when the step times out or the pipeline is cancelled.</param>
/// <returns>The step's output.</returns>
public delegate ValueTask<JsonNode?> PipelineFunction(JsonArray args, CancellationToken cancellationToken);
