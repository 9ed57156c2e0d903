using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dspex.Scheduler;

/// <summary>Registers the Dspex scheduler with dependency injection.</summary>
public static class DspexServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DspexScheduler"/> as a singleton started and stopped by the host, with options
    /// bound from <paramref name="section"/> (e.g. <c>configuration.GetSection("Dspex")</c>) and validated at start.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDspex(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddDspex(options => DspexConfiguration.Bind(section, options), section is IConfigurationSection s ? s.Path : "Dspex");
    }

    /// <summary>Registers <see cref="DspexScheduler"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Refines the default options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDspex(this IServiceCollection services, Action<DspexOptions> configure)
        => services.AddDspex(configure, "Dspex");

    /// <summary>Registers the executor factory of one pool (e.g. an embedded-Python or process executor).</summary>
    /// <param name="services">The services.</param>
    /// <param name="pool">The pool's name.</param>
    /// <param name="factory">Creates the factory from the service provider.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDspexExecutor(this IServiceCollection services, string pool, Func<IServiceProvider, IJobExecutorFactory> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pool);
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddSingleton(new PoolExecutorRegistration(pool, factory));
    }

    /// <summary>Registers the admission gate of one pool (e.g. the GPU memory gate of the neural pool).</summary>
    /// <param name="services">The services.</param>
    /// <param name="pool">The pool's name.</param>
    /// <param name="gate">Creates the gate from the service provider.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDspexAdmissionGate(this IServiceCollection services, string pool, Func<IServiceProvider, IAdmissionGate> gate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pool);
        ArgumentNullException.ThrowIfNull(gate);
        return services.AddSingleton(new PoolAdmissionGateRegistration(pool, gate));
    }

    private static IServiceCollection AddDspex(this IServiceCollection services, Action<DspexOptions> configure, string root)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DspexOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DspexOptions>>(new DspexOptionsValidator(root));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var components = new SchedulerComponents
            {
                TimeProvider = sp.GetRequiredService<TimeProvider>(),
                MeterFactory = sp.GetService<IMeterFactory>(),
                LoggerFactory = sp.GetService<ILoggerFactory>(),
            };
            foreach (var registration in sp.GetServices<PoolExecutorRegistration>())
            {
                components.Executors[registration.Pool] = registration.Create(sp);
            }

            foreach (var registration in sp.GetServices<PoolAdmissionGateRegistration>())
            {
                components.AdmissionGates[registration.Pool] = registration.Create(sp);
            }

            return new DspexScheduler(sp.GetRequiredService<IOptions<DspexOptions>>().Value, components);
        });
        services.AddHostedService<DspexHostedService>();
        return services;
    }

    private sealed record PoolExecutorRegistration(string Pool, Func<IServiceProvider, IJobExecutorFactory> Create);

    private sealed record PoolAdmissionGateRegistration(string Pool, Func<IServiceProvider, IAdmissionGate> Create);

    private sealed class DspexOptionsValidator(string root) : IValidateOptions<DspexOptions>
    {
        public ValidateOptionsResult Validate(string? name, DspexOptions options)
        {
            var problems = DspexOptionsValidation.Validate(options, root);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    private sealed class DspexHostedService(DspexScheduler scheduler) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => scheduler.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => scheduler.StopAsync(cancellationToken);
    }
}
