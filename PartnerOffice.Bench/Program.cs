using System.Text.Json;
using PartnerOffice.Bench;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Sqlite;

// Parent: prepares the data, runs every case in a fresh child process (several runs, interleaved),
// and prints medians and ratios. Child (--case): runs one case and prints its result as JSON.
// The verbs `members` and `engine` measure the member review (MemberReviewBench) and the job engine (EngineThroughputBench).
switch (args.FirstOrDefault())
{
    case MemberReviewBench.Verb:
        await MemberReviewBench.RunAsync(args[1..]);
        return;
    case EngineThroughputBench.Verb:
        await EngineThroughputBench.RunAsync(args[1..]);
        return;
    case EngineThroughputBench.NodeVerb:
        await EngineThroughputBench.RunNodeAsync(args[1..]);
        return;
}

var options = BenchOptions.Parse(args);
if (options.Case is { } benchCase)
{
    var database = options.Engine == DatabaseProvider.Sqlite
        ? DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor(options.Database))
        : new DatabaseConnection(options.Engine, options.Connection!);
    var result = await ExportCases.RunAsync(benchCase, database, options.PartnerId, options.Partitions);
    Console.WriteLine(ChildRuns.ResultPrefix + JsonSerializer.Serialize(result));
    return;
}

if (options.Engine == DatabaseProvider.PostgreSql)
{
    // A server of its own for this run, stopped whatever happens.
    await using var server = await BenchPostgreSqlServer.StartAsync();
    var database = await BenchDatabase.CreatePostgreSqlAsync(server, options.Orders);
    await RunExportCasesAsync(options with { Connection = database.ConnectionString }, database, ChildRuns.Psql, "psql \\copy", 1.3,
        partnerId => ChildRuns.PsqlCopy(database.ConnectionString, partnerId), writerCases: false);
    return;
}

await BenchDatabase.EnsureAsync(options.Database, options.Orders);
await RunExportCasesAsync(options, DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor(options.Database)), ChildRuns.Sqlite3, "sqlite3 dump", 1.6,
    partnerId => ChildRuns.Sqlite3Dump(options.Database, partnerId), writerCases: true);

// The export cases and the engine's own dump tool (the reference), interleaved over the runs; the writer cases
// do not read the database, so they run once per engine that matters (SQLite's run).
static async Task RunExportCasesAsync(BenchOptions options, DatabaseConnection database, string reference, string referenceName, double xlsxGoal,
    Func<int, CaseResult> runReference, bool writerCases)
{
    var partner = await BenchDatabase.LargestPartnerAsync(database);
    var parent = options with { PartnerId = partner.PartnerId };
    Console.WriteLine($"Exporting the orders of the largest partner, {partner.Name} (id {partner.PartnerId}): {partner.Orders:N0} of {options.Orders:N0} orders, on {options.Engine}.");
    Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {options.Partitions} partitions, median of {options.Runs} runs, each case in a fresh process.");

    string[] writers = writerCases ? [ExportCases.OurXlsxWriter, ExportCases.OpenXmlSaxWriter, ExportCases.SpreadCheetahWriter] : [];
    var cases = new[] { reference }.Concat(ExportCases.Exports).Concat(writers).ToArray();
    var results = cases.ToDictionary(c => c, _ => new List<CaseResult>());
    for (var run = 1; run <= options.Runs; run++)
        foreach (var c in cases)
        {
            var result = c == reference ? runReference(partner.PartnerId) : ChildRuns.Run(parent, c);
            results[c].Add(result);
            Console.Error.WriteLine($"  run {run} {c}: {result.Seconds:F2} s");
        }
    Report.Print(results, partner.Orders, reference, referenceName, xlsxGoal);
}
