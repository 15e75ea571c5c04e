using System.Diagnostics;

namespace PartnerOffice.Bench;

/// <summary>Times one case in this (child) process, with the working set before it and the process's peak.</summary>
internal static class CaseTimer
{
    public static async Task<CaseResult> TimeAsync(Func<Task<(long Rows, long Bytes)>> run)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var baseline = process.WorkingSet64;
        var clock = Stopwatch.StartNew();
        var (rows, bytes) = await run();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new CaseResult(seconds, rows, bytes, baseline, process.PeakWorkingSet64);
    }
}
