using System.Diagnostics;
using System.Net;
using System.Text;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// The portal as a real process of its own (the app host the project reference copies next to the tests), in
/// Production, on a data directory and settings of the test's choosing, listening on 127.0.0.1. A test kills it
/// with SIGKILL to crash it; it is killed by its own PID when disposed, if still alive.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private PortalProcess(Process process, Uri baseAddress) => (this.process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    /// <summary>The process's id: lease owners name it (<c>machine/pid/…</c>), so a test can tell which node holds a job.</summary>
    public int Id => process.Id;

    /// <summary>What the process wrote so far (its JSON log lines), for a failing test's message.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Runs an operator command (<c>seed</c>, <c>user create</c>, <c>token create</c>, …) to its end.</summary>
    public static async Task<string> RunCommandAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(settings, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(patience.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>Starts the portal and returns once its health endpoint answers.</summary>
    /// <param name="environment">Development for a browser: beside the test binaries only its static web assets serve the portal's scripts.</param>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string environment = "Production")
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        var start = StartInfo(settings, []);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        var process = new Process { StartInfo = start };
        var portal = new PortalProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = baseAddress };
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The portal exited with {process.ExitCode}: {portal.Output}");
            try
            {
                if ((await client.GetAsync("healthz")).StatusCode == HttpStatusCode.OK) return portal;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The portal did not answer at {baseAddress}: {portal.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no lease handed back, as a crash or an OOM kill leaves it.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "PartnerOffice.App"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // Settings as environment variables, the way a container gets them: PartnerOffice:Jobs:WorkerCount → PartnerOffice__Jobs__WorkerCount.
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        return start;
    }
}
