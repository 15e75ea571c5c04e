using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Running;

namespace PartnerOffice.Jobs.Launching;

public static class JobEngineServiceCollectionExtensions
{
    /// <summary>The engine: repository, launcher, operator, events, and the worker pool as a hosted service.</summary>
    public static IServiceCollection AddJobEngine(this IServiceCollection services, Action<JobEngineOptions>? configure = null)
    {
        var options = services.AddOptions<JobEngineOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IOptions<JobEngineOptions>>().Value.ConnectionString;
            var time = sp.GetRequiredService<TimeProvider>();
            return connectionString is null ? JobRepository.InMemory(time) : new JobRepository(connectionString, time);
        });
        services.TryAddSingleton(sp => new JobEventHub(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<JobEngineOptions>>().Value.ProgressEventInterval, sp.GetRequiredService<ILogger<JobEventHub>>()));
        services.TryAddSingleton<IJobEvents>(sp => sp.GetRequiredService<JobEventHub>());
        services.TryAddSingleton<JobRegistry>();
        services.TryAddSingleton<JobStateMachine>();
        services.TryAddSingleton<RunningJobs>();
        services.TryAddSingleton<JobQueueSignal>();
        services.TryAddSingleton<JobRunner>();
        services.TryAddSingleton<IJobLauncher, JobLauncher>();
        services.TryAddSingleton<IJobOperator, JobOperator>();
        // The pool's constructor is internal (its parts are), so it is built here rather than by the container.
        services.TryAddSingleton(sp => new JobWorkerPool(sp.GetRequiredService<JobRegistry>(), sp.GetRequiredService<JobRepository>(),
            sp.GetRequiredService<JobStateMachine>(), sp.GetRequiredService<JobRunner>(), sp.GetRequiredService<JobQueueSignal>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<JobEngineOptions>>(), sp.GetRequiredService<ILogger<JobWorkerPool>>()));
        services.AddHostedService(sp => sp.GetRequiredService<JobWorkerPool>());
        return services;
    }

    /// <summary>Registers a job defined inline; <see cref="JobRegistry"/> builds it when first needed.</summary>
    public static IServiceCollection AddJob(this IServiceCollection services, string name, Action<JobBuilder> define) =>
        services.AddSingleton(new JobRegistration(name, define));

    /// <summary>Registers a job defined by a class (constructed from DI, so it may take options and services).</summary>
    public static IServiceCollection AddJob<TDefinition>(this IServiceCollection services) where TDefinition : class, IJobDefinition =>
        services.AddSingleton<IJobDefinition, TDefinition>();
}
