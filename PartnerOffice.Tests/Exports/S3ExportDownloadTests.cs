using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerOffice.App.Hosting;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>With the S3 store configured, a finished export is stored in S3 and its download is a short-lived presigned redirect.</summary>
public sealed class S3ExportDownloadTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task The_file_goes_to_s3_and_the_owner_is_redirected_to_a_presigned_url_while_others_get_404()
    {
        var options = s3.StorageOptions("exports-api");
        var logs = new CapturedLogs();
        await using var portal = await PortalHost.StartAsync(configure: builder =>
        {
            // As verbose as an operator chasing a problem would make it: the presigned URL must still stay out.
            builder.Configuration["Logging:LogLevel:Default"] = "Information";
            builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
            builder.Logging.AddProvider(logs);
            var section = ExportsSetup.FileStoreSection;
            builder.Configuration[$"{section}:Kind"] = "S3";
            builder.Configuration[$"{section}:S3:ServiceUrl"] = options.ServiceUrl;
            builder.Configuration[$"{section}:S3:Region"] = options.Region;
            builder.Configuration[$"{section}:S3:Bucket"] = options.Bucket;
            builder.Configuration[$"{section}:S3:AccessKey"] = options.AccessKey;
            builder.Configuration[$"{section}:S3:SecretKey"] = options.SecretKey;
            builder.Configuration[$"{section}:S3:ForcePathStyle"] = "true";
            builder.Configuration[$"{section}:S3:UseChunkEncoding"] = "false";
            builder.Configuration[$"{section}:S3:Prefix"] = options.Prefix;
        });
        var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var export = await portal.RequestExportAndWaitAsync(kim, """{"dataset":"orders","format":"json"}""");
        var id = export.GetProperty("id").GetInt64();

        var download = await kim.GetAsync($"/api/exports/{id}/file?reason=test");
        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        var url = download.Headers.Location!;
        Assert.StartsWith(s3.ServiceUrl, url.ToString());
        Assert.Contains("X-Amz-Expires", url.Query);

        using var plain = new HttpClient();
        var rows = JsonDocument.Parse(await plain.GetStringAsync(url)).RootElement.GetArrayLength();
        Assert.Equal(export.GetProperty("rowCount").GetInt64(), rows);

        var lee = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Lee));
        Assert.Equal(HttpStatusCode.NotFound, (await lee.GetAsync($"/api/exports/{id}/file?reason=test")).StatusCode);
        // A presigned URL is a bearer credential until it expires.
        Assert.Contains(logs.Lines, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("X-Amz-Signature", StringComparison.OrdinalIgnoreCase));
    }
}
