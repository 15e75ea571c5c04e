using System.Diagnostics;
using Npgsql;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// The run's PostgreSQL server: the one scripts/test.sh started (<c>PARTNEROFFICE_TEST_POSTGRES</c>), or, when the
/// tests run without it, one started here by the same script and stopped when the test process exits.
/// </summary>
public static class PostgreSqlTestServer
{
    public const string EnvironmentVariable = "PARTNEROFFICE_TEST_POSTGRES";

    private static readonly Lazy<string> Maintenance = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the server's maintenance database (for CREATE DATABASE).</summary>
    public static string MaintenanceConnectionString => Maintenance.Value;

    /// <summary>A new, empty database of its own; the connection string points at it.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(MaintenanceConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(MaintenanceConnectionString) { Database = name }.ToString();
    }

    /// <summary>Closes the test's pooled connections and drops its database, so a long run does not pile up either.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(MaintenanceConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string StartOrFind()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given) return given;
        var script = Path.Combine(S3rverFixture.FindRepositoryRoot(), "scripts", "postgres-test-server.sh");
        var folder = Directory.CreateTempSubdirectory("partneroffice-postgres-").FullName;
        var output = Run(script, "start", folder, LoopbackPort.Free().ToString());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, "stop", folder);
        return output.Trim();
    }

    private static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(script)} {arguments[0]} failed ({process.ExitCode}): {error}");
        return output.Result;
    }
}
