using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerOffice.Tests.Support;

/// <summary>A request as the loopback server received it.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string Body);

/// <summary>
/// A small HTTP server on <c>http://127.0.0.1:&lt;free port&gt;</c> standing in for an external service (a webhook, a
/// partner's REST API). Every request goes to the handler the test gives; each one is recorded, and
/// <see cref="NextRequestAsync"/> lets a test wait for the next one instead of sleeping.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ReceivedRequest> arrivals = Channel.CreateUnbounded<ReceivedRequest>();

    private LoopbackHttpServer(Func<HttpContext, ReceivedRequest, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, await reader.ReadToEndAsync());
            Requests.Enqueue(request);
            await handle(context, request);
            arrivals.Writer.TryWrite(request);
        });
    }

    /// <param name="handle">Answers a request (write the status and body to the context); the body is read already.</param>
    public static async Task<LoopbackHttpServer> StartAsync(Func<HttpContext, ReceivedRequest, Task> handle)
    {
        var server = new LoopbackHttpServer(handle);
        await server.app.StartAsync();
        server.BaseAddress = new Uri(server.app.Urls.Single().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>E.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Every request so far, in the order they arrived.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The next request answered (one already answered and not yet taken counts), within a generous time limit.</summary>
    public async Task<ReceivedRequest> NextRequestAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await arrivals.Reader.ReadAsync(limit.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
