using System.Diagnostics;
using System.Text.Json;

namespace PartnerOffice.Bench;

/// <summary>Starts the processes that the cases run in: this program with <c>--case</c>, and the sqlite3 command line.</summary>
internal static class ChildRuns
{
    public const string ResultPrefix = "RESULT ";
    public const string Sqlite3 = "sqlite3 -csv";

    public static CaseResult Run(BenchOptions options, string benchCase)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        foreach (var argument in options.ChildArguments(benchCase)) start.ArgumentList.Add(argument);
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
        var sql = $"SELECT Id, OrderNumber, OrderedAt, Status, CustomerName, ItemCount, TotalAmount, ShippingFee FROM Orders WHERE PartnerId = {partnerId} ORDER BY Id";
        var start = new ProcessStartInfo("sh") { ArgumentList = { "-c", "sqlite3 -csv -header \"$0\" \"$1\" > \"$2\"", database, sql, output } };
        var clock = Stopwatch.StartNew();
        using (var shell = Process.Start(start)!)
        {
            shell.WaitForExit();
            if (shell.ExitCode != 0) throw new InvalidOperationException($"sqlite3 failed with exit code {shell.ExitCode}; is it installed (apt-get install sqlite3)?");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = new FileInfo(output).Length;
        var rows = File.ReadLines(output).LongCount() - 1;
        File.Delete(output);
        return new CaseResult(seconds, rows, bytes, 0, 0);
    }
}
