using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace PartnerOffice.Bench;

/// <summary>Starts the processes that the cases run in: this program with <c>--case</c>, and the sqlite3 command line.</summary>
internal static class ChildRuns
{
    public const string ResultPrefix = "RESULT ";
    public const string Sqlite3 = "sqlite3 -csv";
    public const string Psql = "psql \\copy csv";
    private const string Columns = "Id, OrderNumber, OrderedAt, Status, CustomerName, ItemCount, TotalAmount, ShippingFee";

    public static CaseResult Run(BenchOptions options, string benchCase) => Run(options.ChildArguments(benchCase), benchCase);

    /// <summary>Runs this program with the arguments and reads back the result line it prints.</summary>
    public static CaseResult Run(IEnumerable<string> arguments, string benchCase)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix))
            ?? throw new InvalidOperationException($"Case {benchCase} failed (exit {child.ExitCode}):\n{output}");
        return JsonSerializer.Deserialize<CaseResult>(line[ResultPrefix.Length..])!;
    }

    /// <summary>The reference: the sqlite3 command line dumping the same columns and rows to a CSV file, through the shell as a person would.</summary>
    public static CaseResult Sqlite3Dump(string database, int partnerId)
    {
        var output = Path.Combine(Path.GetTempPath(), $"partneroffice-bench-sqlite3-{Environment.ProcessId}.csv");
        var sql = $"SELECT {Columns} FROM Orders WHERE PartnerId = {partnerId} ORDER BY Id";
        var start = new ProcessStartInfo("sh") { ArgumentList = { "-c", "sqlite3 -csv -header \"$0\" \"$1\" > \"$2\"", database, sql, output } };
        return TimedDump(start, output, "sqlite3 (apt-get install sqlite3)");
    }

    /// <summary>The PostgreSQL reference: psql's client-side <c>\copy</c> of the same columns and rows to a CSV file.</summary>
    public static CaseResult PsqlCopy(string connectionString, int partnerId)
    {
        var output = Path.Combine(Path.GetTempPath(), $"partneroffice-bench-psql-{Environment.ProcessId}.csv");
        var columns = string.Join(", ", Columns.Split(", ").Select(c => $"\"{c}\""));
        var copy = $"\\copy (SELECT {columns} FROM \"Orders\" WHERE \"PartnerId\" = {partnerId} ORDER BY \"Id\") to '{output}' csv header";
        var psql = Directory.GetFiles("/usr/lib/postgresql", "psql", SearchOption.AllDirectories).Order().LastOrDefault() ?? "psql";
        var start = new ProcessStartInfo(psql) { ArgumentList = { "-X", "-q", "-d", LibpqConnectionString(connectionString), "-c", copy } };
        return TimedDump(start, output, "psql (scripts/install-test-deps.sh)");
    }

    /// <summary>Npgsql's connection string as libpq's keywords (only what a trust-auth local server needs).</summary>
    private static string LibpqConnectionString(string connectionString)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={npgsql.Host} port={npgsql.Port} user={npgsql.Username} dbname={npgsql.Database}";
    }

    /// <summary>Runs a dump tool, timed around the process, and counts what it wrote.</summary>
    private static CaseResult TimedDump(ProcessStartInfo start, string output, string tool)
    {
        var clock = Stopwatch.StartNew();
        using (var process = Process.Start(start)!)
        {
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{start.FileName} failed with exit code {process.ExitCode}; is {tool} installed?");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = new FileInfo(output).Length;
        var rows = File.ReadLines(output).LongCount() - 1;
        File.Delete(output);
        return new CaseResult(seconds, rows, bytes, 0, 0);
    }
}
