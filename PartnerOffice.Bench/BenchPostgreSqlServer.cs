using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PartnerOffice.Bench;

/// <summary>
/// A throwaway PostgreSQL server for one benchmark run, on 127.0.0.1, started and stopped with the script the tests use
/// (scripts/postgres-test-server.sh: Debian's server, durability off, the same for every engine measured against it).
/// </summary>
internal sealed class BenchPostgreSqlServer : IAsyncDisposable
{
    private readonly string script;
    private readonly string directory;

    private BenchPostgreSqlServer(string script, string directory, string maintenance)
    {
        this.script = script;
        this.directory = directory;
        MaintenanceConnectionString = maintenance;
    }

    public string MaintenanceConnectionString { get; }

    public static async Task<BenchPostgreSqlServer> StartAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "postgres-test-server.sh");
        var directory = Path.Combine(Path.GetTempPath(), $"partneroffice-bench-pg-{Environment.ProcessId}");
        var output = await RunScriptAsync(script, "start", directory, FreePort().ToString());
        return new BenchPostgreSqlServer(script, directory, output.Trim());
    }

    /// <summary>A new empty database on the server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(MaintenanceConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(MaintenanceConnectionString) { Database = name, MaxPoolSize = 200 }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunScriptAsync(script, "stop", directory);
    }

    private static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(script)} {arguments[0]} failed: {error}");
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "PartnerOffice.sln"))) return folder.FullName;
        throw new InvalidOperationException("Run the benchmark from the repository: scripts/postgres-test-server.sh is not found.");
    }
}
