using System.Text.Json.Nodes;

namespace Dspex.Cli.Tests;

/// <summary>The dspex command end to end: exit codes (0 ok, 1 failure, 2 usage) and messages that name the problem.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Demo_with_a_short_duration_prints_the_table_and_a_last_json_line_and_exits_0()
    {
        var result = await Cli.RunAsync("demo", "--duration", "3", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("p99 gain", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("general-pool p99 is", result.Stdout, StringComparison.Ordinal);
        var last = JsonNode.Parse(result.Stdout.TrimEnd().Split('\n')[^1])!;
        foreach (var setup in new[] { "shared", "routed" })
        {
            foreach (var pool in new[] { "general", "neural" })
            {
                Assert.True(last["setups"]![setup]![pool]!["p50_ms"]!.GetValue<double>() > 0);
                Assert.True(last["setups"]![setup]![pool]!["p99_ms"]!.GetValue<double>() > 0);
            }
        }

        Assert.Equal("shared", last["setups"]!["shared"]!["general"]!["pool"]!.GetValue<string>());
        Assert.Equal("general", last["setups"]!["routed"]!["general"]!["pool"]!.GetValue<string>());
        Assert.Equal("optimizer", last["setups"]!["routed"]!["optimizer"]!["pool"]!.GetValue<string>());
        Assert.True(last["general_p99_improvement"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task Doctor_with_a_missing_python_fails_naming_it_with_a_fix()
    {
        var result = await Cli.RunAsync(new Dictionary<string, string?> { ["DSPEX_PYTHON"] = "/nonexistent/bin/python3" }, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/nonexistent/bin/python3", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("DSPEX_PYTHON", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_with_a_broken_config_fails_naming_the_bad_key()
    {
        var config = Cli.TempFile("dspex.json", """{ "Dspex": { "Pools": { "general": { "Sise": 3 } } } }""");

        var result = await Cli.RunAsync("doctor", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Dspex:Pools:general:Sise is not a known setting", result.Stdout.Replace("\n", " ", StringComparison.Ordinal).Replace("│", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_with_python_and_a_valid_config_passes()
    {
        var config = Cli.TempFile("dspex.json", """{ "Dspex": { "Pools": { "general": { "Size": 3 } } } }""");

        var result = await Cli.RunAsync("doctor", "--config", config);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("everything needed is in place", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_on_a_bad_pipeline_file_exits_2_naming_the_field()
    {
        var file = Cli.TempFile("bad.json", """{ "steps": [ { "name": "a", "function": "identity" }, { "name": "b", "module": 42 } ] }""");

        var result = await Cli.RunAsync("run", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("steps[1].module", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_on_a_missing_file_exits_2_naming_it()
    {
        var result = await Cli.RunAsync("run", "/nonexistent/pipeline.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/pipeline.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_prints_the_output_and_step_timings()
    {
        var file = Cli.TempFile("triage.json", """
            { "steps": [
                { "name": "clean", "module": "dspex.examples.api.normalize", "args": ["$input.text"] },
                { "name": "topic", "module": "dspex.examples.api.classify", "args": ["$steps.clean"] },
                { "name": "result", "function": "object", "args": ["clean", "$steps.clean", "topic", "$steps.topic"] } ] }
            """);
        var input = Cli.TempFile("input.json", """{ "text": "  The STRIKER scored  " }""");

        var result = await Cli.RunAsync("run", file, "--input", input, "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var json = JsonNode.Parse(result.Stdout.TrimEnd().Split('\n')[^1])!;
        Assert.Equal("the striker scored", json["output"]!["clean"]!.GetValue<string>());
        Assert.Equal(["clean", "topic", "result"], json["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal("general", json["steps"]![0]!["pool"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_of_a_failing_pipeline_exits_1_naming_the_step()
    {
        var file = Cli.TempFile("fails.json", """{ "steps": [ { "name": "oops", "module": "dspex.examples.api.keywords", "kwargs": { "top": 1 } } ] }""");

        var result = await Cli.RunAsync("run", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("step 'oops'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dspex.examples.api.keywords", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pools_prints_the_effective_pools_and_rules()
    {
        var config = Cli.TempFile("dspex.json", """{ "Dspex": { "Pools": { "general": { "Size": 3 } } } }""");

        var result = await Cli.RunAsync("pools", "--config", config);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("│ general   │ 3 ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("name matches 'MIPRO*'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("declared category 'neural'", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo", "--duration", "abc")]
    [InlineData("demo", "--duration", "0")]
    [InlineData("frobnicate")]
    [InlineData("run")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == 2, result.All);
        Assert.NotEmpty(result.Stderr);
    }
}
