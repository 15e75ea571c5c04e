using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Running;
using PartnerOffice.Jobs.Scheduling;

namespace PartnerOffice.Jobs.Launching;

public static class JobEngineServiceCollectionExtensions
{
    /// <summary>The engine's meter (executions by status, endings and their durations, chunks): add it to an exporter by this name.</summary>
    public const string MeterName = JobMetrics.MeterName;

    /// <summary>The engine: repository, launcher, operators, events, and the worker pool and the scheduler as hosted services.</summary>
    public static IServiceCollection AddJobEngine(this IServiceCollection services, Action<JobEngineOptions>? configure = null)
    {
        var options = services.AddOptions<JobEngineOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JobEngineOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return options.ConnectionString is null ? JobRepository.InMemory(time)
                : new JobRepository(new DatabaseConnection(options.Provider, options.ConnectionString), time);
        });
        services.TryAddSingleton(sp => new JobEventHub(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<JobEngineOptions>>().Value.ProgressEventInterval, sp.GetRequiredService<ILogger<JobEventHub>>(),
            sp.GetRequiredService<JobRepository>().Node));
        services.TryAddSingleton<IJobEvents>(sp => sp.GetRequiredService<JobEventHub>());
        services.TryAddSingleton<JobRegistry>();
        services.AddMetrics();
        services.TryAddSingleton<JobMetrics>();
        services.TryAddSingleton<JobStateMachine>();
        services.TryAddSingleton<RunningJobs>();
        services.TryAddSingleton<WakeSignal>();
        services.TryAddSingleton<QueuedEventOrder>();
        services.TryAddSingleton<JobRunner>();
        services.TryAddSingleton<IJobLauncher, JobLauncher>();
        services.TryAddSingleton<IJobOperator, JobOperator>();
        // The pool's constructor is internal (its parts are), so it is built here rather than by the container.
        services.TryAddSingleton(sp => new JobWorkerPool(sp.GetRequiredService<JobRegistry>(), sp.GetRequiredService<JobRepository>(),
            sp.GetRequiredService<JobStateMachine>(), sp.GetRequiredService<JobRunner>(), sp.GetRequiredService<WakeSignal>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<JobEngineOptions>>(), sp.GetRequiredService<ILogger<JobWorkerPool>>()));
        services.AddHostedService(sp => sp.GetRequiredService<JobWorkerPool>());
        services.TryAddSingleton(sp => new NodeChannelService(sp.GetRequiredService<JobRepository>(), sp.GetRequiredService<JobEventHub>(),
            sp.GetRequiredService<WakeSignal>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<NodeChannelService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<NodeChannelService>());
        services.TryAddSingleton(sp => new JobScheduler(sp.GetRequiredService<JobRepository>(), sp.GetRequiredService<JobRegistry>(), sp.GetRequiredService<IJobLauncher>(),
            sp.GetServices<JobScheduleDeclaration>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<JobEngineOptions>>(),
            sp.GetRequiredService<ILogger<JobScheduler>>()));
        services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        services.TryAddSingleton<IScheduleOperator, ScheduleOperator>();
        return services;
    }

    /// <summary>Registers a job defined inline; <see cref="JobRegistry"/> builds it when first needed.</summary>
    public static IServiceCollection AddJob(this IServiceCollection services, string name, Action<JobBuilder> define) =>
        services.AddSingleton(new JobRegistration(name, define));

    /// <summary>Registers a job defined by a class (constructed from DI, so it may take options and services).</summary>
    public static IServiceCollection AddJob<TDefinition>(this IServiceCollection services) where TDefinition : class, IJobDefinition =>
        services.AddSingleton<IJobDefinition, TDefinition>();

    /// <summary>
    /// Declares a schedule: <c>services.AddJobSchedule("export-cleanup", job: "export-cleanup", cron: "0 0 * * * ?")</c>.
    /// The cron expression is Quartz's (seconds first, <c>?</c> in day-of-month or day-of-week), read in the IANA
    /// <paramref name="timeZone"/>. Stored at start-up; an operator's pause is kept, and stored schedules no longer
    /// declared are removed.
    /// </summary>
    public static IServiceCollection AddJobSchedule(this IServiceCollection services, string name, string job, string cron, string timeZone = "UTC",
        JobParameters? parameters = null, ScheduleOverlapPolicy overlap = ScheduleOverlapPolicy.Skip, MisfirePolicy misfire = MisfirePolicy.FireOnceNow)
    {
        // Fails at start-up rather than at the first fire.
        JobSchedule.Cron(cron, timeZone);
        return services.AddSingleton(new JobScheduleDeclaration(name, job, cron, timeZone, parameters ?? JobParameters.Empty, overlap, misfire));
    }
}
