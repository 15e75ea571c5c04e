using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Jobs;

/// <summary>
/// A suite of engine tests that must pass on every database engine the tests run: each suite is abstract, with one
/// sealed subclass per engine (<c>…OnSqliteTests</c>, <c>…OnPostgreSqlTests</c>).
/// </summary>
public abstract class EngineSuite(DatabaseProvider engine)
{
    protected DatabaseProvider Engine { get; } = engine;

    protected Task<JobEngineHarness> StartEngineAsync(Action<IServiceCollection> addJobs, int workers = 2, bool inMemoryRepository = false,
        bool startWorkers = true, JobEngineHarness? sharing = null, ManualTimeProvider? clock = null) =>
        JobEngineHarness.StartAsync(addJobs, workers, inMemoryRepository, startWorkers, sharing, clock, Engine);
}
