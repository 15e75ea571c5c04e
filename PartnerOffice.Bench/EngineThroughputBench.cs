using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Bench;

/// <summary>
/// The job engine's throughput on one PostgreSQL database shared by several node processes, beside Hangfire with its
/// PostgreSQL storage on the same server, the same node and worker counts and the same no-op job:
/// <c>engine [--executions 10000] [--nodes 3] [--workers 4] [--trickle 1000]</c>. Two phases per engine:
/// a drain (every execution queued first, then the nodes start; jobs per second from the first start to the last
/// end, as the database recorded them), and a trickle (the nodes idle, executions enqueued one by one at a steady
/// rate; enqueue-to-start p50 and p99).
/// </summary>
internal static class EngineThroughputBench
{
    public const string Verb = "engine";
    public const string NodeVerb = "engine-node";
    private const string NoOpJob = "noop";
    private const int TricklePerSecond = 100;

    private sealed record Phase(int Count, double Seconds, double P50Ms, double P99Ms)
    {
        public double PerSecond => Count / Seconds;

        /// <summary>Transactions the database committed per execution drained: what each one costs the server.</summary>
        public double TransactionsEach { get; init; }

        /// <summary>Processor time the node processes spent per execution drained (start-up included): what each one costs a node.</summary>
        public double NodeCpuMsEach { get; init; }
    }

    private sealed record Figures(string Engine, Phase Drain, Phase Trickle, double EnqueuePerSecond);

    public static async Task RunAsync(string[] args)
    {
        var values = BenchOptions.Pairs(args, "engine [--executions 10000] [--nodes 3] [--workers 4] [--trickle 1000] [--ours-only true]");
        var executions = int.Parse(values.GetValueOrDefault("executions", "10000"));
        var nodes = int.Parse(values.GetValueOrDefault("nodes", "3"));
        var workers = int.Parse(values.GetValueOrDefault("workers", "4"));
        var trickle = int.Parse(values.GetValueOrDefault("trickle", "1000"));
        Console.WriteLine($"{executions:N0} queued no-op executions drained by {nodes} node processes of {workers} workers each, then {trickle:N0} enqueued at {TricklePerSecond}/s;");
        Console.WriteLine($"one PostgreSQL server (fsync off), {Environment.ProcessorCount} cores, .NET {Environment.Version}.");

        await using var server = await BenchPostgreSqlServer.StartAsync();
        var ours = await MeasureAsync("PartnerOffice.Jobs", new OurEngine(await server.CreateDatabaseAsync("bench_ours")), executions, nodes, workers, trickle);
        if (values.ContainsKey("ours-only"))
        {
            Console.WriteLine($"ours: {ours.Drain.PerSecond:N0} jobs/s, {ours.Drain.TransactionsEach:F1} tx/job, {ours.Drain.NodeCpuMsEach:F2} node cpu ms/job");
            return;
        }
        var hangfire = await MeasureAsync("Hangfire.PostgreSql", new HangfireEngine(await server.CreateDatabaseAsync("bench_hangfire")), executions, nodes, workers, trickle);

        Console.WriteLine();
        Console.WriteLine($"{"engine",-22}{"enqueue/s",11}{"drain s",10}{"jobs/s",10}{"tx/job",8}{"node cpu ms/job",17}{"drain p50 ms",14}{"trickle p50 ms",16}{"p99 ms",9}");
        foreach (var f in new[] { ours, hangfire })
            Console.WriteLine($"{f.Engine,-22}{f.EnqueuePerSecond,11:N0}{f.Drain.Seconds,10:F2}{f.Drain.PerSecond,10:N0}{f.Drain.TransactionsEach,8:F1}{f.Drain.NodeCpuMsEach,17:F2}{f.Drain.P50Ms,14:N0}{f.Trickle.P50Ms,16:F1}{f.Trickle.P99Ms,9:F1}");
        Console.WriteLine();
        Console.WriteLine($"drain jobs/s, ours / Hangfire      {ours.Drain.PerSecond / hangfire.Drain.PerSecond:F2}x  (goal >= 2)");
        Console.WriteLine($"trickle p50, Hangfire / ours       {hangfire.Trickle.P50Ms / ours.Trickle.P50Ms:F2}x");
        Console.WriteLine($"trickle p99, Hangfire / ours       {hangfire.Trickle.P99Ms / ours.Trickle.P99Ms:F2}x");
    }

    /// <summary>A node: this program with <see cref="NodeVerb"/>, running one engine's workers until it is killed.</summary>
    public static async Task RunNodeAsync(string[] args)
    {
        var (engine, connectionString, workers) = (args[0], args[1], int.Parse(args[2]));
        IEngine node = engine == OurEngine.Name ? new OurEngine(connectionString) : new HangfireEngine(connectionString);
        await using var running = await node.StartNodeAsync(workers);
        Console.WriteLine("READY");
        await Task.Delay(Timeout.Infinite);
    }

    private static async Task<Figures> MeasureAsync(string name, IEngine engine, int executions, int nodeCount, int workers, int trickle)
    {
        Console.Error.WriteLine($"{name}: enqueuing {executions:N0}…");
        await engine.PrepareAsync();
        var clock = Stopwatch.StartNew();
        await engine.EnqueueAsync(executions);
        var enqueuePerSecond = executions / clock.Elapsed.TotalSeconds;

        var nodes = Enumerable.Range(0, nodeCount).Select(_ => StartNode(engine, workers)).ToList();
        try
        {
            foreach (var node in nodes) await WaitReadyAsync(node);
            var committedBefore = await CommittedAsync(engine.ConnectionString);
            await WaitDrainedAsync(engine, name);
            var nodeCpu = nodes.Sum(node => { node.Refresh(); return node.TotalProcessorTime.TotalMilliseconds; });
            var committed = await CommittedAsync(engine.ConnectionString) - committedBefore;
            var drain = await engine.PhaseAsync(afterId: 0) with { TransactionsEach = (double)committed / executions, NodeCpuMsEach = nodeCpu / executions };
            Console.Error.WriteLine($"{name}: drained in {drain.Seconds:F2} s; trickling {trickle:N0}…");

            var lastId = await engine.LastIdAsync();
            var pace = Stopwatch.StartNew();
            for (var i = 0; i < trickle; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / TricklePerSecond);
                if (due > pace.Elapsed) await Task.Delay(due - pace.Elapsed);
                await engine.EnqueueAsync(1);
            }
            await WaitDrainedAsync(engine, name);
            return new Figures(name, drain, await engine.PhaseAsync(lastId), enqueuePerSecond);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
                node.Dispose();
            }
        }
    }

    private static Process StartNode(IEngine engine, int workers)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        foreach (var argument in new[] { NodeVerb, engine.Key, engine.ConnectionString, workers.ToString() }) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static async Task WaitReadyAsync(Process node)
    {
        while (await node.StandardOutput.ReadLineAsync() is { } line)
            if (line == "READY") return;
        throw new InvalidOperationException($"A node exited before it was ready (exit {node.ExitCode}).");
    }

    /// <summary>
    /// Waits until every execution has ended, or until none has ended for <see cref="StallLimit"/>: an engine that lost
    /// some (Hangfire leaves a fetched job for its 30-minute invisibility timeout) is reported with how many, not waited for.
    /// </summary>
    private static async Task WaitDrainedAsync(IEngine engine, string name)
    {
        var (left, since) = (await engine.UnfinishedAsync(), Stopwatch.StartNew());
        while (left > 0)
        {
            await Task.Delay(100);
            var now = await engine.UnfinishedAsync();
            if (now < left) (left, since) = (now, Stopwatch.StartNew());
            else if (since.Elapsed > StallLimit)
            {
                Console.WriteLine($"{name}: {left:N0} executions had not ended {StallLimit.TotalSeconds:N0} s after the last one did; left out of the figures");
                return;
            }
        }
    }

    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    /// <summary>What the measurement needs of an engine; <see cref="PhaseAsync"/> reads the timings the engine itself stored.</summary>
    private interface IEngine
    {
        string Key { get; }
        string ConnectionString { get; }
        Task PrepareAsync();
        Task EnqueueAsync(int count);
        Task<IAsyncDisposable> StartNodeAsync(int workers);
        Task<long> UnfinishedAsync();
        Task<long> LastIdAsync();
        Task<Phase> PhaseAsync(long afterId);
    }

    /// <summary>Phase figures from (created, started, ended) times: from the first start to the last end, and each wait to start.</summary>
    private static async Task<Phase> PhaseFromAsync(string connectionString, string sql, long afterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("after", afterId) } };
        var waits = new List<double>();
        DateTime first = DateTime.MaxValue, last = DateTime.MinValue;
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var (created, started, ended) = (reader.GetDateTime(0), reader.GetDateTime(1), reader.GetDateTime(2));
                waits.Add((started - created).TotalMilliseconds);
                if (started < first) first = started;
                if (ended > last) last = ended;
            }
        waits.Sort();
        double Percentile(double p) => waits[(int)Math.Min(waits.Count - 1, Math.Ceiling(p * waits.Count) - 1)];
        return new Phase(waits.Count, (last - first).TotalSeconds, Percentile(0.5), Percentile(0.99));
    }

    /// <summary>
    /// Transactions committed in the database so far, every statement outside a transaction counting as one. The server
    /// publishes its counters within a second of a session going idle, so this waits that long first.
    /// </summary>
    private static async Task<long> CommittedAsync(string connectionString)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        return await ScalarAsync(connectionString, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>Ours, as the portal runs it on PostgreSQL: its default poll interval, woken by LISTEN/NOTIFY.</summary>
    private sealed class OurEngine(string connectionString) : IEngine
    {
        public const string Name = "ours";
        private ServiceProvider? client;
        private long next;

        public string Key => Name;
        public string ConnectionString => connectionString;

        private ServiceProvider Build(int workers) => new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddJobEngine(o => { o.Provider = DatabaseProvider.PostgreSql; o.ConnectionString = connectionString; o.WorkerCount = workers; })
            .AddJob(NoOpJob, job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask)))
            .BuildServiceProvider();

        public async Task PrepareAsync()
        {
            client = Build(workers: 0);
            await client.GetRequiredService<JobRepository>().MigrateAsync();
        }

        public async Task EnqueueAsync(int count)
        {
            var launcher = client!.GetRequiredService<IJobLauncher>();
            for (var i = 0; i < count; i++) await launcher.EnqueueAsync(NoOpJob, JobParameters.Empty.With("n", ++next));
        }

        public async Task<IAsyncDisposable> StartNodeAsync(int workers)
        {
            var node = Build(workers);
            foreach (var service in node.GetServices<IHostedService>()) await service.StartAsync(CancellationToken.None);
            return node;
        }

        public Task<long> UnfinishedAsync() => ScalarAsync(connectionString, """SELECT COUNT(*) FROM "JobExecutions" WHERE "EndedAt" IS NULL""");

        public Task<long> LastIdAsync() => ScalarAsync(connectionString, """SELECT COALESCE(MAX("Id"), 0) FROM "JobExecutions" """);

        public Task<Phase> PhaseAsync(long afterId) => PhaseFromAsync(connectionString,
            """SELECT "CreatedAt", "StartedAt", "EndedAt" FROM "JobExecutions" WHERE "Id" > @after""", afterId);
    }

    /// <summary>Hangfire 1.8 with Hangfire.PostgreSql 1.21: long polling on (LISTEN/NOTIFY), a one-second poll otherwise.</summary>
    private sealed class HangfireEngine(string connectionString) : IEngine
    {
        public const string Name = "hangfire";
        private BackgroundJobClient? client;

        public string Key => Name;
        public string ConnectionString => connectionString;

        private PostgreSqlStorage Storage() => GlobalConfiguration.Configuration.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString),
            new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1), EnableLongPolling = true, PrepareSchemaIfNecessary = true }).Entry;

        public Task PrepareAsync()
        {
            client = new BackgroundJobClient(Storage());
            return Task.CompletedTask;
        }

        public Task EnqueueAsync(int count)
        {
            for (var i = 0; i < count; i++) client!.Enqueue(() => NoOp());
            return Task.CompletedTask;
        }

        public Task<IAsyncDisposable> StartNodeAsync(int workers)
        {
            var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = workers }, Storage());
            return Task.FromResult<IAsyncDisposable>(new Stopping(server));
        }

        public Task<long> UnfinishedAsync() => ScalarAsync(connectionString, "SELECT COUNT(*) FROM hangfire.job WHERE statename IS DISTINCT FROM 'Succeeded'");

        public Task<long> LastIdAsync() => ScalarAsync(connectionString, "SELECT COALESCE(MAX(id), 0) FROM hangfire.job");

        public Task<Phase> PhaseAsync(long afterId) => PhaseFromAsync(connectionString, """
            SELECT j.createdat, p.createdat, s.createdat FROM hangfire.job j
            JOIN hangfire.state p ON p.jobid = j.id AND p.name = 'Processing'
            JOIN hangfire.state s ON s.jobid = j.id AND s.name = 'Succeeded'
            WHERE j.id > @after
            """, afterId);

        private sealed class Stopping(BackgroundJobServer server) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                server.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>The job Hangfire runs: public and static, so its nodes find it by name in this assembly.</summary>
    public static void NoOp() { }
}
