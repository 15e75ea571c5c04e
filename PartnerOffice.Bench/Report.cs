namespace PartnerOffice.Bench;

/// <summary>The results table and the ratios the speed goals are stated in.</summary>
internal static class Report
{
    public static void Print(Dictionary<string, List<CaseResult>> results, long expectedRows, string reference, string referenceName, double xlsxGoal)
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
        var dump = median[reference].Seconds;
        Console.WriteLine();
        Ratio($"xlsx export / {referenceName}", median["export-xlsx"].Seconds / dump, "F2", $"(goal <= {xlsxGoal:0.0})");
        Ratio($"csv export / {referenceName}", median["export-csv"].Seconds / dump, "F2", "(goal <= 1.0)");
        Ratio($"json export / {referenceName}", median["export-json"].Seconds / dump, "F2", "");
        foreach (var export in ExportCases.Exports)
            if (median[export].FirstSeconds is { } first)
                Ratio($"{export}: first / warm", first / median[export].Seconds, "F2", $"({first:F2} s / {median[export].Seconds:F2} s, goal <= 1.3)");
        if (median.TryGetValue(ExportCases.OurXlsxWriter, out var ourWriter))
        {
            Ratio("OpenXml SAX / our xlsx writer", median[ExportCases.OpenXmlSaxWriter].Seconds / ourWriter.Seconds, "F1", "(goal >= 10)");
            Ratio("SpreadCheetah / our xlsx writer", median[ExportCases.SpreadCheetahWriter].Seconds / ourWriter.Seconds, "F1", "(goal >= 2)");
        }
        Console.WriteLine();
        Console.WriteLine("peak MB: the child process's peak working set (VmHWM) for the case, runtime included; growth MB: peak minus the");
        Console.WriteLine("working set just before the case started. Writer cases hold all rows in memory first, so their memory is not the writer's.");
    }

    /// <summary>The member review table: per size, the job beside the naive way, with the ratios of time and peak memory.</summary>
    public static void PrintMemberReview(Dictionary<int, Dictionary<string, List<CaseResult>>> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"members",10} {"case",-20} {"seconds",8} {"rows",10} {"rows/s",11} {"peak MB",8} {"growth MB",10}");
        foreach (var (size, cases) in results)
        {
            var median = cases.ToDictionary(c => c.Key, c => c.Value.OrderBy(x => x.Seconds).ElementAt(c.Value.Count / 2));
            foreach (var (name, r) in median)
            {
                Console.WriteLine($"{size,10:N0} {name,-20} {r.Seconds,8:F2} {r.Rows,10:N0} {r.Rows / r.Seconds,11:N0} {Mb(r.PeakBytes),8:F0} {Mb(r.PeakBytes - r.BaselineBytes),10:F0}");
                if (r.Rows != size) Console.WriteLine($"  !! {name} completed {r.Rows:N0} members, expected {size:N0}");
            }
            var job = median[MemberReviewBench.JobCase];
            var naive = median[MemberReviewBench.NaiveCase];
            Ratio($"{size:N0}: naive / job, seconds", naive.Seconds / job.Seconds, "F2", "");
            Ratio($"{size:N0}: naive / job, peak MB", (double)naive.PeakBytes / job.PeakBytes, "F2", "");
        }
        Console.WriteLine();
        Console.WriteLine("peak MB: the child process's peak working set (VmHWM), runtime included; growth MB: peak minus the working set");
        Console.WriteLine("just before the case started. Each run completes every member of a fresh copy of the database.");
    }

    private static void Ratio(string label, double value, string format, string goal) =>
        Console.WriteLine($"{label,-32} {value.ToString(format, System.Globalization.CultureInfo.InvariantCulture),5}x  {goal}".TrimEnd());

    private static double Mb(long bytes) => bytes / 1024d / 1024d;
}
