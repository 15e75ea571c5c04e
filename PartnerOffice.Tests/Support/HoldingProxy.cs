using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a loopback HTTP server (the S3 test server) that, while holding, stops the
/// first request whose request line matches and keeps its connection open unanswered: the client is caught in
/// the middle of that request for as long as the test wants. Everything else passes through.
/// </summary>
public sealed class HoldingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly Func<string, bool> hold;
    private readonly TaskCompletionSource<string> held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> connections = [];
    private volatile bool holding = true;
    private readonly Task accepting;

    /// <param name="hold">Given the start of what a client sends (a request line first), whether to hold it.</param>
    public HoldingProxy(Uri target, Func<string, bool> hold)
    {
        (this.target, this.hold) = (target, hold);
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Completes with the held request's first line once a request is held.</summary>
    public Task<string> Held => held.Task;

    /// <summary>Stops holding: the held connection is dropped, and everything from now on passes through.</summary>
    public void PassThrough()
    {
        holding = false;
        lock (connections)
            foreach (var connection in connections) connection.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                lock (connections) connections.Add(client);
                _ = RelayAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(target.Host, target.Port, stopping.Token);
            var fromClient = client.GetStream();
            var toServer = server.GetStream();
            var back = toServer.CopyToAsync(fromClient, stopping.Token);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await fromClient.ReadAsync(buffer, stopping.Token)) > 0)
            {
                var start = Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 512));
                if (holding && hold(start))
                {
                    held.TrySetResult(start.Split("\r\n")[0]);
                    // Nothing more goes to the server on this connection; it stays open until passed through or closed.
                    await Task.Delay(Timeout.Infinite, stopping.Token);
                }
                await toServer.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
            await back;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A side hung up, or the test moved on.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        PassThrough();
        await accepting;
        stopping.Dispose();
    }
}
