using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.PostgreSql;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Launching;

/// <summary>
/// Connects this process to the other nodes on the same database server: wake-ups for queued work and the job events.
/// Only PostgreSQL has such a channel; on SQLite (one machine) the workers' poll finds other processes' work.
/// </summary>
public sealed class NodeChannelService : BackgroundService
{
    private readonly JobRepository repository;
    private readonly JobEventHub hub;
    private readonly WakeSignal signal;
    private readonly TimeProvider time;
    private readonly ILogger<NodeChannelService> logger;
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal NodeChannelService(JobRepository repository, JobEventHub hub, WakeSignal signal, TimeProvider time, ILogger<NodeChannelService> logger)
    {
        (this.repository, this.hub, this.signal, this.time, this.logger) = (repository, hub, signal, time, logger);
        if (!HasChannel) listening.TrySetResult();
    }

    /// <summary>Completes once this node hears the others (at once where there is no channel).</summary>
    public Task Listening => listening.Task;

    private bool HasChannel => repository.Database.Provider == DatabaseProvider.PostgreSql && !repository.IsInMemory;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => HasChannel
        ? PostgreSqlNodeChannel.RunAsync(repository.Database.ConnectionString, hub, signal, () => listening.TrySetResult(), time, logger, stoppingToken)
        : Task.CompletedTask;
}
