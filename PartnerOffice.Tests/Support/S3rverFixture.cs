using System.Diagnostics;
using PartnerOffice.App.Storage;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A real S3-protocol server for tests: s3rver (installed by scripts/install-test-deps.sh under
/// .tools/) on a free loopback port with one bucket, its data in a temp folder, stopped by PID.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "partneroffice-test";

    /// <summary>s3rver accepts only this access key (and any secret).</summary>
    public const string AccessKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _data = new();
    private Process? _server;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Store settings for this server: path style and no chunked encoding, as s3rver needs.</summary>
    public S3StorageOptions StorageOptions(string prefix = "") => new()
    {
        ServiceUrl = ServiceUrl,
        Region = "us-east-1",
        Bucket = Bucket,
        AccessKey = AccessKey,
        SecretKey = "S3RVER",
        ForcePathStyle = true,
        UseChunkEncoding = false,
        Prefix = prefix,
        PartSizeBytes = 5 * 1024 * 1024,
    };

    /// <summary>
    /// The same store as configuration for a portal process, reached through <paramref name="serviceUrl"/> (a proxy
    /// in front of this server, or the server itself).
    /// </summary>
    public static Dictionary<string, string> ProcessSettings(S3StorageOptions store, Uri serviceUrl)
    {
        var section = $"{PartnerOffice.App.Hosting.ExportsSetup.FileStoreSection}:S3";
        return new()
        {
            [$"{PartnerOffice.App.Hosting.ExportsSetup.FileStoreSection}:Kind"] = "S3",
            [$"{section}:ServiceUrl"] = serviceUrl.ToString(),
            [$"{section}:Region"] = store.Region,
            [$"{section}:Bucket"] = store.Bucket,
            [$"{section}:AccessKey"] = store.AccessKey ?? "",
            [$"{section}:SecretKey"] = store.SecretKey ?? "",
            [$"{section}:ForcePathStyle"] = store.ForcePathStyle.ToString(),
            [$"{section}:UseChunkEncoding"] = store.UseChunkEncoding.ToString(),
            [$"{section}:Prefix"] = store.Prefix,
        };
    }

    public async Task InitializeAsync()
    {
        var root = FindRepositoryRoot();
        var script = Path.Combine(root, ".tools", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver is not installed: run scripts/install-test-deps.sh in {root}.");
        var port = LoopbackPort.Free();
        ServiceUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Without the legacy OpenSSL provider s3rver's paged listings fail on current Node versions.
        foreach (var argument in new[] { "--openssl-legacy-provider", script, "-d", _data.Path, "-a", "127.0.0.1", "-p", port.ToString(), "--silent", "--configure-bucket", Bucket })
            start.ArgumentList.Add(argument);
        _server = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_server!.HasExited) throw new InvalidOperationException($"s3rver exited with code {_server.ExitCode} while starting.");
            try
            {
                using var response = await http.GetAsync(ServiceUrl + "/");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (deadline.Elapsed > StartTimeout) throw new TimeoutException($"s3rver did not answer on {ServiceUrl} within {StartTimeout}.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        _data.Dispose();
    }

    /// <summary>The folder holding PartnerOffice.sln, above the test binaries.</summary>
    public static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "PartnerOffice.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No PartnerOffice.sln above {AppContext.BaseDirectory}.");
    }
}
