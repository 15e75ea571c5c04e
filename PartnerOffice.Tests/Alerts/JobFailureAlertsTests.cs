using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Alerts;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Alerts;

public sealed class JobFailureAlertsTests
{
    [Fact]
    public async Task A_failed_job_posts_one_alert_naming_job_execution_error_and_its_page()
    {
        await using var webhook = await LoopbackHttpServer.StartAsync((_, _) => Task.CompletedTask);
        await using var portal = await PortalHost.StartAsync(builder =>
        {
            builder.Configuration["PartnerOffice:Alerts:WebhookUrl"] = webhook.BaseAddress.ToString();
            builder.Configuration["PartnerOffice:PublicBaseUrl"] = "https://partners.example.com/";
            builder.Services.AddJob("failing-feed", job => job.Step("fetch", step => step.Tasklet((_, _) =>
                throw new InvalidOperationException("The feed answered 503 Service Unavailable."))));
        });

        var execution = await portal.Services.GetRequiredService<IJobLauncher>().EnqueueAsync("failing-feed", JobParameters.Empty);

        var text = JsonDocument.Parse((await webhook.NextRequestAsync()).Body).RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith($"*Job failing-feed failed (execution {execution.Id})*", text);
        Assert.Contains("The feed answered 503 Service Unavailable.", text);
        Assert.EndsWith($"https://partners.example.com/jobs/{execution.Id}", text);

        // Whatever the webhook gets next is this marker, not a second alert of the same failure.
        await portal.Services.GetRequiredService<IAlertSender>().SendAsync(new Alert("marker", "after the failure"));
        Assert.StartsWith("*marker*", JsonDocument.Parse((await webhook.NextRequestAsync()).Body).RootElement.GetProperty("text").GetString());
    }
}
