using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A real Redis for tests: Debian's redis-server (scripts/install-test-deps.sh installs it) on a free loopback port,
/// nothing saved to disk, run as a child process in the foreground and stopped by its handle.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const int StartAttempts = 3;

    private readonly TempDirectory _folder = new();
    private Process? _server;
    private ConnectionMultiplexer? _connection;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A connection shared by the class's tests (a multiplexer is meant to be shared).</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        // The free port is only free when asked; another server may take it before redis binds, so a failed bind tries again.
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var output = await StartAsync(port);
            if (_server is not null) break;
            if (attempt == StartAttempts) throw new InvalidOperationException($"redis-server did not start on 127.0.0.1:{port}:\n{output}");
        }
        _connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { ConnectionString }, ConnectTimeout = 10_000 });
        await _connection.GetDatabase().PingAsync();
    }

    /// <summary>Starts the server and waits for its ready line; leaves <see cref="_server"/> null and returns its output if it exits first.</summary>
    private async Task<string> StartAsync(int port)
    {
        var start = new ProcessStartInfo("redis-server") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _folder.Path })
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: run scripts/install-test-deps.sh.", e);
        }
        var lines = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lines.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal)) ready.TrySetResult();
        }
        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first == ready.Task)
        {
            _server = process;
            ConnectionString = $"127.0.0.1:{port}";
            return "";
        }
        if (first != exited)
        {
            process.Kill();
            await exited;
            throw new TimeoutException($"redis-server was not ready on 127.0.0.1:{port} within {StartTimeout}:\n{string.Join('\n', lines)}");
        }
        process.Dispose();
        return string.Join('\n', lines);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        _folder.Dispose();
    }
}
