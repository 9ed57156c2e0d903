using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dspex.Pipelines;
using Dspex.Scheduler;
using Spectre.Console;

namespace Dspex.Cli;

/// <summary><c>dspex run pipeline.json [--input file]</c>: runs a pipeline on the configured pools; prints its result and step timings.</summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, Option<string?> config)
    {
        var file = new Argument<string>("pipeline") { Description = "The pipeline's JSON file." };
        var input = new Option<string?>("--input", "-i") { Description = "A JSON file with the run's input ($input); '-' reads standard input. The pipeline's own \"input\" when omitted." };
        var json = new Option<bool>("--json") { Description = "Print the whole result (output and steps) as one JSON object." };
        var command = new Command("run", "Run a pipeline described in JSON and print its result and step timings.") { file, input, json };
        command.SetAction((parse, token) => RunAsync(console, output, parse.GetValue(file)!, parse.GetValue(input), parse.GetValue(json), parse.GetValue(config), token));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, TextWriter output, string file, string? inputFile, bool json, string? configOption, CancellationToken cancellationToken)
    {
        Pipeline pipeline;
        JsonNode? input = null;
        DspexOptions options;
        try
        {
            pipeline = PipelineJson.Load(file);
            if (inputFile is not null)
            {
                input = ReadInput(inputFile);
            }

            options = ConfigFile.Read(ConfigFile.Locate(configOption));
        }
        catch (PipelineDefinitionException ex)
        {
            await Console.Error.WriteLineAsync($"dspex run: {file}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (DspexConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"dspex run: invalid configuration: {string.Join("; ", ex.Problems)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        PipelineResult result;
        try
        {
            await using var scheduler = new DspexScheduler(options, PythonPools.Components(options));
            await scheduler.StartAsync(cancellationToken).ConfigureAwait(false);
            using var runner = new PipelineRunner(scheduler, new PipelineRunnerOptions { Bridge = PythonBridges.ByExecutor });
            result = await runner.RunAsync(pipeline, input, cancellationToken).ConfigureAwait(false);
        }
        catch (DspexStartException ex)
        {
            await Console.Error.WriteLineAsync($"dspex run: the Python workers could not start: {ex.InnerException?.Message ?? ex.Message}; 'dspex doctor' checks the set-up").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (json)
        {
            await output.WriteLineAsync(ToJson(result).ToJsonString()).ConfigureAwait(false);
        }
        else
        {
            var steps = new Table().Border(TableBorder.Rounded).AddColumns("step", "kind", "status", "ms", "pool", "worker", "error");
            foreach (var step in result.Steps)
            {
                steps.AddRow(
                    Markup.Escape(step.Name),
                    step.Kind,
                    step.Status + (step.Continued ? " (continued)" : ""),
                    step.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture),
                    step.Pool ?? "",
                    step.Worker?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(step.Error ?? ""));
            }

            console.Write(steps);
            console.WriteLine($"{result.Pipeline}: {result.Status} in {result.Duration.TotalMilliseconds:0.0} ms");
            if (result.Succeeded)
            {
                await output.WriteLineAsync(result.Output?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null").ConfigureAwait(false);
            }
        }

        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"dspex run: {result.Error}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private static JsonNode? ReadInput(string path)
    {
        string text;
        try
        {
            text = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelineDefinitionException($"--input {path}: cannot read it: {ex.Message}", ex);
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PipelineDefinitionException($"--input {path}: not valid JSON: {ex.Message}", ex);
        }
    }

    private static JsonObject ToJson(PipelineResult result) => new()
    {
        ["pipeline"] = result.Pipeline,
        ["status"] = result.Status.ToString(),
        ["duration_ms"] = Math.Round(result.Duration.TotalMilliseconds, 3),
        ["error"] = result.Error,
        ["output"] = result.Output?.DeepClone(),
        ["steps"] = new JsonArray([.. result.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["path"] = s.Path,
            ["kind"] = s.Kind,
            ["status"] = s.Status.ToString(),
            ["continued"] = s.Continued,
            ["duration_ms"] = Math.Round(s.Duration.TotalMilliseconds, 3),
            ["pool"] = s.Pool,
            ["worker"] = s.Worker,
            ["error"] = s.Error,
        })]),
    };
}
