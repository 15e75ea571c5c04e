using System.Net;
using System.Text.RegularExpressions;
using System.Web;
using PartnerOffice.App.Storage;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Storage;

/// <summary>The S3 store against a real S3-protocol server (s3rver).</summary>
public class S3FileStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static byte[] Content(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(11 * 1024 * 1024 + 7)] // three parts of the fixture's 5 MiB
    public async Task A_stream_round_trips_byte_for_byte(int length)
    {
        using var store = new S3FileStore(s3.StorageOptions());
        var key = $"round-trip/{length}.bin";
        var content = Content(length);

        await store.PutAsync(key, new MemoryStream(content), "application/octet-stream");

        Assert.Equal(length, await store.GetSizeAsync(key));
        Assert.Equal(content, await ReadAllAsync(store, key));
    }

    [Fact]
    public async Task A_large_local_file_goes_up_in_parts_from_the_file()
    {
        using var temp = new TempDirectory();
        using var store = new S3FileStore(s3.StorageOptions());
        var content = Content(10 * 1024 * 1024 + 1);
        await File.WriteAllBytesAsync(temp.File("export.xlsx"), content);

        await store.MoveFileInAsync("files/export.xlsx", temp.File("export.xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        Assert.Equal(content, await ReadAllAsync(store, "files/export.xlsx"));
        Assert.False(File.Exists(temp.File("export.xlsx")));
    }

    [Fact]
    public async Task Deleted_files_are_gone()
    {
        using var store = new S3FileStore(s3.StorageOptions());
        await store.PutAsync("delete/me.csv", new MemoryStream([1, 2, 3]), "text/csv");

        Assert.True(await store.DeleteAsync("delete/me.csv"));
        Assert.False(await store.DeleteAsync("delete/me.csv"));
        Assert.False(await ((IFileStore)store).ExistsAsync("delete/me.csv"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync("delete/me.csv"));
    }

    [Fact]
    public async Task A_failed_multipart_upload_fails_with_its_cause_and_leaves_no_object()
    {
        using var store = new S3FileStore(s3.StorageOptions());

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("failed/upload.bin", new FailAfterStream(6 * 1024 * 1024), "application/octet-stream"));

        Assert.Null(await store.GetSizeAsync("failed/upload.bin"));
    }

    [Fact]
    public async Task The_prefix_keeps_keys_apart_in_a_shared_bucket()
    {
        using var tenant = new S3FileStore(s3.StorageOptions(prefix: "tenant-a/"));
        using var whole = new S3FileStore(s3.StorageOptions());

        await tenant.PutAsync("x.csv", new MemoryStream([9]), "text/csv");

        Assert.Equal(1, await whole.GetSizeAsync("tenant-a/x.csv"));
        Assert.Null(await whole.GetSizeAsync("x.csv"));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.PutAsync("../x.csv", new MemoryStream([9]), "text/csv"));
    }

    [Fact]
    public async Task A_presigned_url_downloads_with_the_file_name_until_it_expires()
    {
        using var store = new S3FileStore(s3.StorageOptions());
        var content = Content(2_000);
        await store.PutAsync("downloads/42.xlsx", new MemoryStream(content), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var http = new HttpClient();

        var url = (await store.GetDownloadUrlAsync("downloads/42.xlsx", "주문 orders 2026.xlsx", TimeSpan.FromMinutes(5)))!;

        Assert.StartsWith(s3.ServiceUrl, url.ToString());
        // Five minutes, give or take the second the SDK rounds the expiry to.
        Assert.InRange(int.Parse(HttpUtility.ParseQueryString(url.Query)["X-Amz-Expires"]!), 299, 301);
        using (var response = await http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("주문 orders 2026.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
        }

        // s3rver checks expiry but not signatures, so a URL signed 301 seconds ago stands for one used after its 300.
        var signedAt = DateTime.UtcNow.AddSeconds(-301).ToString("yyyyMMdd'T'HHmmss'Z'");
        var expired = Regex.Replace(url.ToString(), "X-Amz-Date=[0-9TZ]+", "X-Amz-Date=" + signedAt);
        using var late = await http.GetAsync(expired);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Fact]
    public void The_attachment_header_has_an_ascii_fallback_and_the_exact_name()
    {
        Assert.Equal("attachment; filename=\"__ a_b.csv\"; filename*=UTF-8''%EC%A3%BC%EB%AC%B8%20a%22b.csv",
            S3FileStore.AttachmentHeader("주문 a\"b.csv"));
    }

    [Fact]
    public async Task Listing_gives_the_keys_under_a_prefix_in_order_and_leaves_out_the_stores_own_prefix()
    {
        using var store = new S3FileStore(s3.StorageOptions(prefix: "listing-node/"));
        using var other = new S3FileStore(s3.StorageOptions(prefix: "listing-other/"));
        foreach (var key in new[] { "votes/e2/KR-202601050900.csv", "votes/e1/result-global.csv", "votes/e1/JP-202601050900.csv", "votes/e10/NA-202601050900.csv" })
            await store.PutAsync(key, new MemoryStream([1]), "text/csv");
        await other.PutAsync("votes/e1/TW-202601050900.csv", new MemoryStream([1]), "text/csv");

        Assert.Equal(["votes/e1/JP-202601050900.csv", "votes/e1/result-global.csv", "votes/e10/NA-202601050900.csv", "votes/e2/KR-202601050900.csv"],
            await store.ListKeysAsync("votes/"));
        Assert.Equal(["votes/e1/JP-202601050900.csv", "votes/e1/result-global.csv"], await store.ListKeysAsync("votes/e1/"));
        Assert.Empty(await store.ListKeysAsync("nothing/"));
    }

    private static async Task<byte[]> ReadAllAsync(IFileStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Gives <paramref name="length"/> bytes, then fails like a dropped source.</summary>
    private sealed class FailAfterStream(long length) : Stream
    {
        private long _position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= length) throw new IOException("source lost");
            var n = (int)Math.Min(count, length - _position);
            _position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
