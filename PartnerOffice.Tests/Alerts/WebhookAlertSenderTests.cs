using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerOffice.Alerts;
using PartnerOffice.App.Hosting;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Alerts;

public sealed class WebhookAlertSenderTests
{
    private static readonly Alert Failure = new("Job marketplace-ingest failed (execution 7)", "The feed answered 503.", new Uri("/jobs/7", UriKind.Relative));

    private static ServiceProvider AlertServices(string? webhookUrl, CapturedLogs? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerOffice:Alerts:WebhookUrl"] = webhookUrl,
            // Short, so the retry test does not wait the production backoff.
            ["PartnerOffice:Alerts:RetryDelay"] = "00:00:00.010",
            ["PartnerOffice:PublicBaseUrl"] = "https://partners.example.com",
        });
        builder.Services.AddOptions<PartnerOfficeOptions>().Bind(builder.Configuration.GetSection(PartnerOfficeOptions.Section));
        builder.AddPartnerOfficeAlerts();
        return builder.Services.BuildServiceProvider();
    }

    private static string TextOf(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString()!;

    [Fact]
    public async Task An_alert_is_posted_as_slack_text_with_title_text_and_an_absolute_link()
    {
        await using var webhook = await LoopbackHttpServer.StartAsync((context, _) => Task.CompletedTask);
        await using var services = AlertServices(new Uri(webhook.BaseAddress, "hooks/ops").ToString());

        await services.GetRequiredService<IAlertSender>().SendAsync(Failure);

        var posted = Assert.Single(webhook.Requests);
        Assert.Equal(("POST", "/hooks/ops"), (posted.Method, posted.PathAndQuery));
        Assert.Equal("*Job marketplace-ingest failed (execution 7)*\nThe feed answered 503.\nhttps://partners.example.com/jobs/7", TextOf(posted));
    }

    [Fact]
    public async Task A_post_answered_500_is_retried_and_then_delivered()
    {
        var answered = 0;
        await using var webhook = await LoopbackHttpServer.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref answered) == 1) context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        await using var services = AlertServices(webhook.BaseAddress.ToString());

        await services.GetRequiredService<IAlertSender>().SendAsync(Failure);

        Assert.Equal(2, webhook.Requests.Count);
        Assert.All(webhook.Requests, r => Assert.StartsWith("*Job marketplace-ingest failed", TextOf(r)));
    }

    [Fact]
    public async Task An_alert_that_cannot_be_delivered_is_logged_not_thrown()
    {
        var logs = new CapturedLogs();
        await using var webhook = await LoopbackHttpServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var services = AlertServices(webhook.BaseAddress.ToString(), logs);

        await services.GetRequiredService<IAlertSender>().SendAsync(Failure);

        Assert.Equal(4, webhook.Requests.Count); // the first attempt and three retries
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("not delivered") && l.Message.Contains("execution 7"));
    }

    [Fact]
    public async Task Without_a_webhook_an_alert_is_only_logged()
    {
        var logs = new CapturedLogs();
        await using var services = AlertServices(webhookUrl: null, logs);

        var sender = services.GetRequiredService<IAlertSender>();
        await sender.SendAsync(Failure);

        Assert.IsType<LoggedAlertSender>(sender);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("no channel configured") && l.Message.Contains("execution 7"));
    }
}
