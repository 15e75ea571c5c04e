using System.Diagnostics;
using System.Text.Json;
using PartnerOffice.Bench;
using PartnerOffice.Jobs.Sqlite;

// Parent: prepares the data, runs every case in a fresh child process (several runs, interleaved),
// and prints medians and ratios. Child (--case): runs one case and prints its result as JSON.
var options = BenchOptions.Parse(args);
var connectionString = SqliteDatabase.ConnectionStringFor(options.Database);
if (options.Case is { } benchCase)
{
    var result = await ExportCases.RunAsync(benchCase, connectionString, options.PartnerId, options.Partitions);
    Console.WriteLine(ChildRuns.ResultPrefix + JsonSerializer.Serialize(result));
    return;
}

await BenchDatabase.EnsureAsync(options.Database, options.Orders);
var partner = (await BenchDatabase.PartnersBySizeAsync(connectionString))[0];
var parent = options with { PartnerId = partner.PartnerId };
Console.WriteLine($"Exporting the orders of the largest partner, {partner.Name} (id {partner.PartnerId}): {partner.Orders:N0} of {options.Orders:N0} orders.");
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {options.Partitions} partitions, median of {options.Runs} runs, each case in a fresh process.");

var cases = new[] { ChildRuns.Sqlite3 }.Concat(ExportCases.Exports).Concat([ExportCases.OurXlsxWriter, ExportCases.OpenXmlSaxWriter, ExportCases.SpreadCheetahWriter]).ToArray();
var results = cases.ToDictionary(c => c, _ => new List<CaseResult>());
for (var run = 1; run <= options.Runs; run++)
    foreach (var c in cases)
    {
        var result = c == ChildRuns.Sqlite3 ? ChildRuns.Sqlite3Dump(options.Database, partner.PartnerId) : ChildRuns.Run(parent, c);
        results[c].Add(result);
        Console.Error.WriteLine($"  run {run} {c}: {result.Seconds:F2} s");
    }

Report.Print(results, partner.Orders);
