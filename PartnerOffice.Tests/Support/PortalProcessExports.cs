using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PartnerOffice.Tests.Support;

/// <summary>The export API of a <see cref="PortalProcess"/>, as a script with a bearer token calls it.</summary>
public static class PortalProcessExports
{
    public const string OrdersCsv = """{"dataset":"orders","format":"csv"}""";

    /// <summary>An API token for Kim of HANBIT, made with the operator command on the process's settings.</summary>
    public static async Task<string> KimsTokenAsync(IReadOnlyDictionary<string, string> settings) =>
        (await PortalProcess.RunCommandAsync(settings, "token", "create", "--user", PortalHost.Kim.Email)).TrimEnd().Split('\n')[^1];

    public static HttpClient Client(this PortalProcess portal, string token) => new()
    {
        BaseAddress = portal.BaseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>Requests an export (202 expected) and returns its id.</summary>
    public static async Task<long> RequestExportAsync(this PortalProcess portal, string token, string body = OrdersCsv)
    {
        using var client = portal.Client(token);
        var response = await client.PostAsync("api/exports", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The export once it is neither queued nor running.</summary>
    public static async Task<JsonElement> WaitForExportAsync(this PortalProcess portal, string token, long id)
    {
        using var client = portal.Client(token);
        JsonElement export = default;
        await WaitUntilAsync(async () =>
        {
            export = await client.GetFromJsonAsync<JsonElement>($"api/exports/{id}");
            return export.GetProperty("status").GetString() is not ("Queued" or "Running");
        }, portal);
        return export;
    }

    public static async Task<byte[]> DownloadAsync(this PortalProcess portal, string token, long id)
    {
        using var client = portal.Client(token);
        return await client.GetByteArrayAsync($"api/exports/{id}/file?reason=test");
    }

    public static Task WaitUntilAsync(Func<bool> condition, PortalProcess portal) => WaitUntilAsync(() => Task.FromResult(condition()), portal);

    /// <summary>Checks again every 50 ms, for up to a minute: the other side is a process of its own, with no event to wait for.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, PortalProcess portal)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(1)) throw new TimeoutException($"Waited a minute in vain. The portal wrote:\n{portal.Output}");
            await Task.Delay(50);
        }
    }
}
