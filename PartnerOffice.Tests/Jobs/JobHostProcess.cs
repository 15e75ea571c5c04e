using PartnerOffice.Jobs.Database;
using System.Diagnostics;
using System.Threading.Channels;

namespace PartnerOffice.Tests.Jobs;

/// <summary>
/// The test job host (PartnerOffice.Tests.JobHost, copied next to the tests by its project reference) as a child
/// process on a database file. Its stdout lines are the job events; it exits when no work is left. Killed by
/// its own PID when the test ends, if still alive.
/// </summary>
internal sealed class JobHostProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly List<string> seen = [];

    private JobHostProcess(Process process) => this.process = process;

    /// <param name="leaseMs">Short by default, so a test does not wait long for a killed process's lease to expire.</param>
    public static JobHostProcess Start(DatabaseConnection database, int delayPerItemMs, int workers = 2, int leaseMs = 1500)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "PartnerOffice.Tests.JobHost"))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { database.Provider.ToString(), database.ConnectionString, delayPerItemMs.ToString(), workers.ToString(), leaseMs.ToString() }) start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start };
        var host = new JobHostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) host.lines.Writer.TryComplete();
            else
            {
                lock (host.seen) host.seen.Add(e.Data);
                host.lines.Writer.TryWrite(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        return host;
    }

    /// <summary>Reads the host's event lines until one matches.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match)
    {
        using var patience = new CancellationTokenSource(Patience);
        await foreach (var line in lines.Reader.ReadAllAsync(patience.Token))
            if (match(line)) return;
        throw new InvalidOperationException("The job host ended before the expected line.");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            lock (seen) throw new TimeoutException($"The job host did not exit within {Patience.TotalSeconds} s. Its last lines:\n{string.Join('\n', seen.TakeLast(30))}");
        }
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.Dispose();
    }
}
