using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dspex.Scheduler.Tests;

public sealed class ConfigurationTests
{
    private static IConfigurationSection Section(params (string Key, string Value)[] values)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Dspex:" + v.Key, v.Value)))
            .Build()
            .GetSection("Dspex");

    [Fact]
    public void Defaults_are_the_three_documented_pools()
    {
        var options = new DspexOptions();
        Assert.Equal((2, 1), (options.Pools["optimizer"].Size, options.Pools["optimizer"].MaxOverflow));
        Assert.Equal((4, 2), (options.Pools["neural"].Size, options.Pools["neural"].MaxOverflow));
        Assert.Equal((8, 4), (options.Pools["general"].Size, options.Pools["general"].MaxOverflow));
        Assert.Equal(PoolIsolation.Process, options.Pools["optimizer"].Isolation);
        Assert.Equal((10, WorkerSchedulingPolicy.Idle, 1), (options.Pools["optimizer"].WorkerNice, options.Pools["optimizer"].WorkerSchedulingPolicy, options.Pools["optimizer"].WorkerReservedCpus));
        Assert.Equal(0, options.Pools["general"].WorkerReservedCpus);
        Assert.Null(options.Pools["optimizer"].WorkerCpus);
        Assert.False(options.SharedOverflow.Enabled);
    }

    [Fact]
    public void Configuration_refines_a_default_pool_and_adds_new_ones()
    {
        var options = DspexConfiguration.Read(Section(
            ("Pools:optimizer:Size", "3"),
            ("Pools:batch:Size", "1"),
            ("Pools:batch:FullMode", "Reject"),
            ("Pools:batch:QueueTimeout", "00:00:05"),
            ("SharedOverflow:Enabled", "true"),
            ("SharedOverflow:Capacity", "6")));
        Assert.Equal(3, options.Pools["optimizer"].Size);
        Assert.Equal(1, options.Pools["optimizer"].MaxOverflow); // kept from the optimizer defaults
        Assert.Equal(PoolFullMode.Reject, options.Pools["batch"].FullMode);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Pools["batch"].QueueTimeout);
        Assert.True(options.SharedOverflow.Enabled);
        Assert.Equal(6, options.SharedOverflow.Capacity);
    }

    [Fact]
    public void Configured_rules_replace_the_default_rules()
    {
        var options = DspexConfiguration.Read(Section(
            ("Routing:Rules:0:Pattern", "Special*"),
            ("Routing:Rules:0:Pool", "neural")));
        var rule = Assert.Single(options.Routing.Rules);
        Assert.Equal("Special*", rule.Pattern);
        Assert.Equal("general", new DspexScheduler(options).Route("dspy.teleprompt.MIPROv2"));
        Assert.Equal("neural", new DspexScheduler(options).Route("x.SpecialThing"));
    }

    [Theory]
    [InlineData("Pools:general:Size", "0", "Dspex:Pools:general:Size must be at least 1 (was 0)")]
    [InlineData("Pools:general:MaxOverflow", "-1", "Dspex:Pools:general:MaxOverflow must be at least 0 (was -1)")]
    [InlineData("Pools:general:QueueCapacity", "0", "Dspex:Pools:general:QueueCapacity must be at least 1 (was 0)")]
    [InlineData("Pools:general:PriorityLevels", "0", "Dspex:Pools:general:PriorityLevels must be between 1 and 16 (was 0)")]
    [InlineData("Pools:general:QueueTimeout", "-00:00:01", "Dspex:Pools:general:QueueTimeout must be positive or infinite")]
    [InlineData("Pools:general:WorkerNice", "40", "Dspex:Pools:general:WorkerNice must be between -20 and 19 (was 40)")]
    [InlineData("Pools:optimizer:WorkerCpus", "1-x", "Dspex:Pools:optimizer:WorkerCpus '1-x' is not a CPU list: '1-x' is not a CPU number or range")]
    [InlineData("Pools:optimizer:WorkerCpus", "3-1", "Dspex:Pools:optimizer:WorkerCpus '3-1' is not a CPU list: the range '3-1' runs backwards")]
    [InlineData("Pools:optimizer:WorkerReservedCpus", "-1", "Dspex:Pools:optimizer:WorkerReservedCpus must be at least 0 (was -1)")]
    [InlineData("Routing:DefaultPool", "gpu", "Dspex:Routing:DefaultPool names unknown pool 'gpu'")]
    [InlineData("Pools:general:Sizee", "3", "Dspex:Pools:general:Sizee is not a known setting (value '3')")]
    [InlineData("Poolz:general:Size", "3", "Dspex:Poolz is not a known setting")]
    public void Invalid_configuration_names_the_key_and_the_bad_value(string key, string value, string expected)
    {
        var error = Assert.Throws<DspexConfigurationException>(() => DspexConfiguration.Read(Section((key, value))));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_naming_an_unknown_pool_is_refused()
    {
        var error = Assert.Throws<DspexConfigurationException>(() => DspexConfiguration.Read(Section(
            ("Routing:Rules:0:Pattern", "X*"),
            ("Routing:Rules:0:Pool", "gpu"))));
        Assert.Contains("Dspex:Routing:Rules:0:Pool names unknown pool 'gpu' (known: general, neural, optimizer)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_does_not_convert_names_its_key()
    {
        var error = Assert.Throws<DspexConfigurationException>(() => DspexConfiguration.Read(Section(("Pools:general:Size", "many"))));
        Assert.Contains("Size", error.Message, StringComparison.Ordinal);
        Assert.Contains("many", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_options_are_validated_by_the_constructor()
    {
        var options = new DspexOptions();
        options.Pools["neural"].Size = 0;
        var error = Assert.Throws<DspexConfigurationException>(() => new DspexScheduler(options));
        Assert.Contains("Dspex:Pools:neural:Size must be at least 1 (was 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDspex_runs_the_scheduler_as_a_hosted_service()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("Dspex:Pools:general:Size", "2"), new("Dspex:Pools:general:MaxOverflow", "0")]);
        builder.Services.AddDspex(builder.Configuration.GetSection("Dspex"));
        using var host = builder.Build();
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<DspexScheduler>();
        Assert.Equal(7, await scheduler.SubmitAsync(new DelegateJob<int>("dspy.Predict", _ => 7)).Within());
        Assert.Equal(2, scheduler.GetSnapshot("general").TotalWorkers);
        await host.StopAsync();
        Assert.Equal(0, scheduler.GetSnapshot("general").TotalWorkers);
    }

    [Fact]
    public async Task AddDspex_with_invalid_configuration_fails_at_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("Dspex:Pools:general:Size", "0")]);
        builder.Services.AddDspex(builder.Configuration.GetSection("Dspex"));
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Dspex:Pools:general:Size must be at least 1 (was 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_reports_checkouts_outcomes_queue_depth_and_activities()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SchedulerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("dspex.module") as string == "telemetry.Probe")
                {
                    lock (activities)
                    {
                        activities.Add(a); // other tests run schedulers in parallel: keep only this test's jobs
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var outcomes = new MetricCollector<long>(meterFactory, SchedulerTelemetry.Name, SchedulerTelemetry.Outcomes);
        using var checkouts = new MetricCollector<long>(meterFactory, SchedulerTelemetry.Name, SchedulerTelemetry.Checkouts);
        using var wait = new MetricCollector<double>(meterFactory, SchedulerTelemetry.Name, SchedulerTelemetry.CheckoutWait);
        using var depth = new MetricCollector<int>(meterFactory, SchedulerTelemetry.Name, SchedulerTelemetry.QueueDepth);
        using var total = new MetricCollector<int>(meterFactory, SchedulerTelemetry.Name, SchedulerTelemetry.TotalWorkers);

        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 2, 0)), new SchedulerComponents { MeterFactory = meterFactory });
        await scheduler.SubmitAsync(new DelegateJob<int>("telemetry.Probe", _ => 1)).Within();
        await Assert.ThrowsAsync<InvalidDataException>(() => scheduler.SubmitAsync(new DelegateJob<int>("telemetry.Probe", _ => throw new InvalidDataException())).Within());

        Assert.Equal(2, checkouts.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(2, wait.GetMeasurementSnapshot().Count);
        var byOutcome = outcomes.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["outcome"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(1, byOutcome["completed"]);
        Assert.Equal(1, byOutcome["failed"]);
        depth.RecordObservableInstruments();
        Assert.Equal(3, depth.GetMeasurementSnapshot().Count); // one per priority lane
        total.RecordObservableInstruments();
        Assert.Equal(2, total.LastMeasurement!.Value);

        lock (activities)
        {
            Assert.Equal(2, activities.Count(a => a.OperationName == SchedulerTelemetry.JobActivity));
            Assert.All(activities, a => Assert.Contains(a.Events, e => e.Name == SchedulerTelemetry.CheckoutEvent));
        }
    }
}
