using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// Jobs that fail while the switch is on, as jobs whose remote system is down would, and succeed once it is back:
/// for tests of what operators do with failed executions.
/// </summary>
public sealed class FailSwitch
{
    public volatile bool On = true;

    /// <summary>Registers one single-step job of this switch's per name in the portal being built.</summary>
    public void AddJobs(WebApplicationBuilder builder, params string[] names)
    {
        builder.Services.AddSingleton(this);
        foreach (var name in names)
            builder.Services.AddJob(name, job => job.Step("call", step => step.Tasklet((ctx, _) =>
                ctx.Services.GetRequiredService<FailSwitch>().On ? throw new HttpRequestException("The remote system did not answer") : Task.CompletedTask)));
    }
}
