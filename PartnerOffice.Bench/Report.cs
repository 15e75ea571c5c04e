namespace PartnerOffice.Bench;

/// <summary>The results table and the ratios the speed goals are stated in.</summary>
internal static class Report
{
    public static void Print(Dictionary<string, List<CaseResult>> results, long expectedRows)
    {
        var median = results.ToDictionary(r => r.Key, r => r.Value.OrderBy(x => x.Seconds).ElementAt(r.Value.Count / 2));
        Console.WriteLine();
        Console.WriteLine($"{"case",-22} {"seconds",8} {"rows",10} {"rows/s",11} {"file MB",8} {"peak MB",8} {"growth MB",10}");
        foreach (var (name, r) in median)
        {
            var memory = r.PeakBytes == 0 ? $"{"-",8} {"-",10}" : $"{Mb(r.PeakBytes),8:F0} {Mb(r.PeakBytes - r.BaselineBytes),10:F0}";
            Console.WriteLine($"{name,-22} {r.Seconds,8:F2} {r.Rows,10:N0} {r.Rows / r.Seconds,11:N0} {Mb(r.FileBytes),8:F1} {memory}");
            if (r.Rows != expectedRows) Console.WriteLine($"  !! {name} wrote {r.Rows:N0} rows, expected {expectedRows:N0}");
        }
        var sqlite = median[ChildRuns.Sqlite3].Seconds;
        Console.WriteLine();
        Ratio("xlsx export / sqlite3 dump", median["export-xlsx"].Seconds / sqlite, "F2", "(goal <= 1.6)");
        Ratio("csv export / sqlite3 dump", median["export-csv"].Seconds / sqlite, "F2", "(goal <= 1.0)");
        Ratio("json export / sqlite3 dump", median["export-json"].Seconds / sqlite, "F2", "");
        var ours = median[ExportCases.OurXlsxWriter].Seconds;
        Ratio("OpenXml SAX / our xlsx writer", median[ExportCases.OpenXmlSaxWriter].Seconds / ours, "F1", "(goal >= 10)");
        Ratio("SpreadCheetah / our xlsx writer", median[ExportCases.SpreadCheetahWriter].Seconds / ours, "F1", "(goal >= 2)");
        Console.WriteLine();
        Console.WriteLine("peak MB: the child process's peak working set (VmHWM) for the case, runtime included; growth MB: peak minus the");
        Console.WriteLine("working set just before the case started. Writer cases hold all rows in memory first, so their memory is not the writer's.");
    }

    private static void Ratio(string label, double value, string format, string goal) =>
        Console.WriteLine($"{label,-32} {value.ToString(format, System.Globalization.CultureInfo.InvariantCulture),5}x  {goal}".TrimEnd());

    private static double Mb(long bytes) => bytes / 1024d / 1024d;
}
