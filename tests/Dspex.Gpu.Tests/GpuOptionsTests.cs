using System.Text;
using Dspex.Scheduler;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Dspex.Gpu.Tests.Gpus;

namespace Dspex.Gpu.Tests;

public sealed class GpuOptionsTests
{
    [Fact]
    public void Bad_values_are_reported_naming_the_key_and_the_value()
    {
        var options = new GpuOptions
        {
            HeadroomBytes = -1,
            WorkerContextsPerDevice = -2,
            RefreshInterval = TimeSpan.Zero,
            BypassLimit = -3,
            SimulatedDevices = [new SimulatedGpuOptions { TotalBytes = 0 }],
        };
        var error = Assert.Throws<DspexConfigurationException>(() => GpuAdmission.Create(options));
        Assert.Contains("Dspex:Gpu:HeadroomBytes is -1; it must be 0 or more.", error.Problems);
        Assert.Contains("Dspex:Gpu:WorkerContextsPerDevice is -2; it must be 0 or more.", error.Problems);
        Assert.Contains("Dspex:Gpu:RefreshInterval is 00:00:00; it must be more than 0 and at most 01:00:00.", error.Problems);
        Assert.Contains("Dspex:Gpu:BypassLimit is -3; it must be 0 or more.", error.Problems);
        Assert.Contains("Dspex:Gpu:SimulatedDevices:0:TotalBytes is 0; it must be more than 0.", error.Problems);
    }

    [Fact]
    public void Headroom_larger_than_the_device_is_a_clear_error()
    {
        var options = Options(4 * GiB);
        options.HeadroomBytes = 5 * GiB;
        var error = Assert.Throws<DspexConfigurationException>(() => GpuAdmission.Create(options, Clock()));
        var problem = Assert.Single(error.Problems);
        Assert.Contains("Dspex:Gpu:HeadroomBytes is 5368709120", problem, StringComparison.Ordinal);
        Assert.Contains("simulated device 0's TotalBytes (4294967296)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Headroom_larger_than_a_real_device_is_a_clear_error()
    {
        var provider = new SimulatedGpuProvider([new SimulatedGpuOptions { Name = "Tiny", TotalBytes = GiB }], Clock());
        var options = new GpuOptions { HeadroomBytes = 2 * GiB };
        var error = Assert.Throws<DspexConfigurationException>(() => new GpuAdmission(options, provider, Clock(), null));
        Assert.Contains("GPU 0 (Tiny)", error.Message, StringComparison.Ordinal);
        Assert.Contains("HeadroomBytes is 2147483648", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_binds_simulated_devices_and_pool_overrides_and_di_serves_the_neural_gate()
    {
        const string Json = """
            {
              "Dspex": { "Gpu": {
                "HeadroomBytes": 0, "WorkerContextBytes": 0, "BypassLimit": 2,
                "SimulatedDevices": [ { "Name": "Sim A", "TotalBytes": 8589934592,
                                        "OtherProcesses": [ { "At": "00:00:00", "Bytes": 1073741824 } ] } ],
                "Pools": { "neural": { "PlacementPolicy": "LeastLoaded", "NoGpuPolicy": "RunOnCpu" } }
              } }
            }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock());
        services.AddDspexGpu(configuration.GetSection(GpuOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<GpuOptions>>().Value;
        Assert.Equal(2, options.BypassLimit);
        Assert.Equal(NoGpuPolicy.RunOnCpu, options.Pools["NEURAL"].NoGpuPolicy);
        var gpu = provider.GetRequiredService<GpuAdmission>();
        Assert.Equal("Sim A", Assert.Single(gpu.Devices).Name);
        Assert.Equal(7 * GiB, gpu.Devices[0].BudgetBytes);

        var gate = provider.GetRequiredKeyedService<IAdmissionGate>(PoolNames.Neural);
        Assert.Same(gpu.GateFor("neural"), gate);
        var job = new TestJob(bytes: GiB);
        Assert.Equal(AdmissionDecisionKind.Admitted, job.Take(gate.Request(job.Ticket)).Kind);
    }

    [Fact]
    public void Invalid_configuration_fails_when_options_are_read()
    {
        var services = new ServiceCollection();
        services.AddDspexGpu(o => o.RefreshInterval = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GpuOptions>>().Value);
        Assert.Contains("Dspex:Gpu:RefreshInterval is -00:00:01", error.Message, StringComparison.Ordinal);
    }
}
