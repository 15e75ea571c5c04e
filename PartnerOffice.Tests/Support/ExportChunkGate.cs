using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Exports;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// Holds the portal's export jobs after every chunk (committed, its progress published) until the test lets them
/// on: one chunk at a time, all from now on, or failing. A held job also lets go when its host stops.
/// </summary>
public sealed class ExportChunkGate
{
    // One item per chunk let on: null passes it, an exception fails it. Completing the channel opens the gate for good.
    private readonly Channel<Exception?> passes = Channel.CreateUnbounded<Exception?>();

    /// <summary>Puts the gate after every chunk of the export job, in a host being built.</summary>
    public void Hold(WebApplicationBuilder builder) =>
        // The engine keeps a registry registered before its own (TryAdd); this one has the export job with the gate.
        builder.Services.AddSingleton(services => new JobRegistry(
            services.GetServices<JobRegistration>().Where(r => r.Name != ExportJob.Name)
                .Append(new JobRegistration(ExportJob.Name, job =>
                {
                    ExportJob.Define(job);
                    job.AfterChunk(PassAsync);
                })),
            services.GetServices<IJobDefinition>()));

    /// <summary>
    /// Starts a portal of its own whose export jobs write one partition in chunks of <paramref name="chunkRows"/> rows and
    /// wait here after each: chunks follow one another, so each release moves an export by exactly one chunk.
    /// </summary>
    public Task<PortalHost> StartPortalAsync(int chunkRows, int orders = PortalHost.DemoOrders) => PortalHost.StartAsync(configure: builder =>
    {
        builder.Configuration[$"{ExportOptions.Section}:Partitions"] = "1";
        builder.Configuration[$"{ExportOptions.Section}:ChunkRows"] = chunkRows.ToString(CultureInfo.InvariantCulture);
        Hold(builder);
    }, orders: orders);

    /// <summary>Lets one held (or the next) chunk on.</summary>
    public void ReleaseOne() => passes.Writer.TryWrite(null);

    /// <summary>Lets every chunk on from now on.</summary>
    public void ReleaseAll() => passes.Writer.TryComplete();

    /// <summary>The held (or the next) chunk fails with <paramref name="failure"/>, which fails its job.</summary>
    public void Fail(Exception failure) => passes.Writer.TryWrite(failure);

    private async Task PassAsync(StepContext step, CancellationToken cancellationToken)
    {
        while (await passes.Reader.WaitToReadAsync(cancellationToken))
        {
            if (!passes.Reader.TryRead(out var failure)) continue;
            if (failure is not null) throw failure;
            return;
        }
    }
}
