using System.Diagnostics.Metrics;
using Dspex.Scheduler;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dspex.Gpu;

/// <summary>Adds GPU admission to a service collection.</summary>
public static class GpuServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GpuOptions"/> bound from <paramref name="section"/> (e.g. <c>Dspex:Gpu</c>), validated on
    /// start, the process-wide <see cref="GpuAdmission"/>, and the neural pool's gate, both as the keyed
    /// <see cref="IAdmissionGate"/> <c>"neural"</c> and as the scheduler's gate of that pool (<c>AddDspexAdmissionGate</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddDspexGpu(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddDspexGpu(options => section.Bind(options));
    }

    /// <summary>Registers GPU admission with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddDspexGpu(this IServiceCollection services, Action<GpuOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<GpuOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GpuOptions>, GpuOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => GpuAdmission.Create(
            sp.GetRequiredService<IOptions<GpuOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddKeyedSingleton<IAdmissionGate>(
            PoolNames.Neural,
            (sp, _) => sp.GetRequiredService<GpuAdmission>().GateFor(PoolNames.Neural));
        return services.AddDspexAdmissionGate(PoolNames.Neural, sp => sp.GetRequiredService<GpuAdmission>().GateFor(PoolNames.Neural));
    }
}
