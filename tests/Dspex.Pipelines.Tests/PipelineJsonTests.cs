namespace Dspex.Pipelines.Tests;

/// <summary>Reading pipelines from JSON: every step kind, and errors that name the bad field.</summary>
public sealed class PipelineJsonTests
{
    private const string Triage = """
        { "name": "triage", "input": { "text": "Hello" }, "output": "$steps.answer",
          "steps": [
            { "name": "clean", "module": "dspex.examples.api.normalize", "args": ["$input.text"], "timeout": 5 },
            { "name": "facets", "parallel": [
                { "name": "topic", "module": "dspex.examples.api.classify", "args": ["$steps.clean"] },
                { "name": "words", "module": "dspex.examples.api.keywords", "args": ["$steps.clean"], "kwargs": { "k": 3 } } ] },
            { "name": "passages", "map": "$steps.facets.words", "maxParallelism": 4,
              "step": { "name": "lookup", "module": "dspex.examples.api.retrieve", "args": ["$item"], "kwargs": { "k": 1 }, "continueOnError": true } },
            { "name": "answer", "branch": "$steps.facets.topic", "equals": "science",
              "then": [ { "name": "sum", "module": "dspex.examples.api.summarize", "args": ["$input.text"] } ],
              "else": [ { "name": "plain", "function": "identity", "args": ["$steps.clean"] } ] }
          ] }
        """;

    [Fact]
    public void A_full_definition_reads_into_its_step_kinds()
    {
        var pipeline = PipelineJson.Parse(Triage);

        Assert.Equal("triage", pipeline.Name);
        Assert.Equal("$steps.answer", pipeline.Output);
        Assert.Equal(["python", "parallel", "map", "branch"], pipeline.Steps.Select(s => s.Kind));
        var clean = Assert.IsType<PythonStep>(pipeline.Steps[0]);
        Assert.Equal(TimeSpan.FromSeconds(5), clean.Timeout);
        var map = Assert.IsType<MapStep>(pipeline.Steps[2]);
        Assert.Equal(4, map.MaxParallelism);
        Assert.True(map.Body.ContinueOnError);
        var branch = Assert.IsType<BranchStep>(pipeline.Steps[3]);
        Assert.Equal("science", branch.EqualsValue!.GetValue<string>());
        Assert.IsType<FunctionStep>(Assert.Single(branch.Else));
        Assert.Equal("Hello", pipeline.DefaultInput!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"steps":[{"name":"a","function":"identity"},{"name":"b","function":"identity"},{"name":"c","module":""}]}""", "steps[2].module: must be a non-empty string")]
    [InlineData("""{"steps":[{"name":"a","module":"not a path"}]}""", "steps[0].module: 'not a path' is not a dotted Python path")]
    [InlineData("""{"steps":[{"name":"a","module":7}]}""", "steps[0].module: must be a non-empty string, not the number 7")]
    [InlineData("""{"steps":[{"module":"x.y"}]}""", "steps[0].name: missing")]
    [InlineData("""{"steps":[{"name":"a"}]}""", "steps[0]: says no kind")]
    [InlineData("""{"steps":[{"name":"a","module":"x.y","function":"identity"}]}""", "steps[0]: gives \"module\" and \"function\"")]
    [InlineData("""{"steps":[{"name":"a","module":"x.y","kwarg":{}}]}""", "steps[0].kwarg: is not a known field")]
    [InlineData("""{"steps":[{"name":"a","module":"x.y","Args":[]}]}""", "did you mean \"args\"?")]
    [InlineData("""{"steps":[{"name":"a","module":"x.y","args":{}}]}""", "steps[0].args: must be a list, not an object")]
    [InlineData("""{"steps":[{"name":"a","module":"x.y","timeout":-1}]}""", "steps[0].timeout: must be a positive number of seconds")]
    [InlineData("""{"steps":[{"name":"a","module":"x.y","args":["$steps.nope"]}]}""", "steps[0].args[0]: '$steps.nope' names no step")]
    [InlineData("""{"steps":[{"name":"a","module":"x.y","args":["$item"]}]}""", "steps[0].args[0]: '$item' is only defined inside a map")]
    [InlineData("""{"steps":[{"name":"a","module":"x.y","args":["$output"]}]}""", "unknown root '$output'")]
    [InlineData("""{"steps":[{"name":"a","function":"identity"},{"name":"a","function":"identity"}]}""", "steps[1].name: 'a' is already the name of steps[0]")]
    [InlineData("""{"steps":[{"name":"m","map":"$input","step":{"name":"b","module":"x.y","affinity":"loose","session":"s"}}]}""", "steps[0].step.affinity: 'loose' is not one of")]
    [InlineData("""{"steps":[{"name":"c","module":"x.y","session":"s"}]}""", "steps[0].session: no step creates session 's'")]
    [InlineData("""{"steps":[{"name":"p","parallel":[]}]}""", "steps[0].parallel: a parallel step needs at least one branch")]
    [InlineData("""{"steps":[{"name":"m","map":"$input","step":{"name":"b","function":"identity"},"maxParallelism":0}]}""", "steps[0].maxParallelism: must be at least 1")]
    [InlineData("""{"steps":[{"name":"m","map":"$input"}]}""", "steps[0].step: missing")]
    [InlineData("""{"steps":{}}""", "steps: must be a list of steps")]
    [InlineData("""{"name":"x"}""", "steps: missing")]
    [InlineData("""[1]""", "(root): a pipeline is a JSON object")]
    [InlineData("""{"steps":[""", "not valid JSON")]
    [InlineData("""{"steps":[{"name":"a","function":"identity"}],"output":"$steps.b"}""", "output: '$steps.b' names no step")]
    public void A_bad_definition_is_refused_naming_the_field(string json, string expected)
    {
        var ex = Assert.Throws<PipelineDefinitionException>(() => PipelineJson.Parse(json));
        Assert.Contains(ex.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var ex = Assert.Throws<PipelineDefinitionException>(() => PipelineJson.Parse("""{"steps":[{"name":"a","module":""},{"name":"b","function":3}]}"""));
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("2 problems", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var ex = Assert.Throws<PipelineDefinitionException>(() => PipelineJson.Load("/nonexistent/p.json"));
        Assert.StartsWith("/nonexistent/p.json: cannot read", ex.Message, StringComparison.Ordinal);
    }
}
