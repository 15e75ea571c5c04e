using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Exports;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>Files expire after the retention period: the cleanup deletes them and the history says Expired.</summary>
public sealed class ExportExpiryTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private PortalHost _portal = default!;

    public async Task InitializeAsync() => _portal = await PortalHost.StartAsync(configure: builder =>
    {
        builder.Configuration["PartnerOffice:Exports:RetentionDays"] = "7";
        builder.Services.AddSingleton<TimeProvider>(_clock);
    });

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task After_the_retention_period_the_file_is_deleted_and_downloads_answer_410()
    {
        var client = _portal.CreateTokenClient(await _portal.CreateTokenAsync(PortalHost.Kim));
        var id = (await _portal.RequestExportAndWaitAsync(client, """{"dataset":"products","format":"csv"}""")).GetProperty("id").GetInt64();
        var files = Path.Combine(_portal.DataDirectory, "files");
        Assert.Single(Directory.GetFiles(files, "*", SearchOption.AllDirectories));

        var export = await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
        Assert.Equal(_clock.GetUtcNow().AddDays(7).UtcDateTime, export.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));

        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await _portal.Services.GetRequiredService<ExportService>().DeleteExpiredFilesAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/exports/{id}/file")).StatusCode);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/api/exports/{id}/file")).StatusCode);
        await _portal.Services.GetRequiredService<ExportService>().DeleteExpiredFilesAsync();
        Assert.Empty(Directory.GetFiles(files, "*", SearchOption.AllDirectories));
        Assert.Equal("Expired", (await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}")).GetProperty("status").GetString());
    }
}
