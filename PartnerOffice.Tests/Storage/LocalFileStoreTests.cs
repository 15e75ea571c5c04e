using System.Text;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Storage;

public class LocalFileStoreTests
{
    [Fact]
    public async Task A_stored_file_reads_back_and_can_be_replaced_and_deleted()
    {
        using var temp = new TempDirectory();
        IFileStore store = new LocalFileStore(temp.File("store"));
        const string key = "exports/2026/11/42/orders.csv";

        await store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("첫 번째")), "text/csv");
        Assert.Equal(Encoding.UTF8.GetByteCount("첫 번째"), await store.GetSizeAsync(key));
        Assert.True(await store.ExistsAsync(key));

        var source = temp.File("source.csv");
        await File.WriteAllTextAsync(source, "second version");
        await store.MoveFileInAsync(key, source, "text/csv");
        await using (var read = await store.OpenReadAsync(key))
            Assert.Equal("second version", await new StreamReader(read).ReadToEndAsync());
        Assert.False(File.Exists(source));
        Assert.Equal(["orders.csv"], Directory.GetFiles(temp.File("store/exports/2026/11/42")).Select(Path.GetFileName));

        Assert.Null(await store.GetDownloadUrlAsync(key, "orders.csv", TimeSpan.FromMinutes(5)));
        Assert.True(await store.DeleteAsync(key));
        Assert.False(await store.DeleteAsync(key));
        Assert.Null(await store.GetSizeAsync(key));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(key));
    }

    [Fact]
    public async Task A_failed_put_leaves_the_previous_file_and_no_temporary_file()
    {
        using var temp = new TempDirectory();
        var store = new LocalFileStore(temp.File("store"));
        await store.PutAsync("a/file.json", new MemoryStream("[1]"u8.ToArray()), "application/json");

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("a/file.json", new FailingStream(), "application/json"));

        Assert.Equal(["file.json"], Directory.GetFiles(temp.File("store/a")).Select(Path.GetFileName));
        Assert.Equal(3, await store.GetSizeAsync("a/file.json"));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\b")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("")]
    [InlineData("a/b/")]
    [InlineData("파일.csv")]
    public async Task Keys_that_could_leave_the_folder_or_are_malformed_are_refused(string key)
    {
        using var temp = new TempDirectory();
        var store = new LocalFileStore(temp.File("store"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream([1]), "text/plain"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key));
        Assert.Equal([temp.File("store")], Directory.GetFileSystemEntries(temp.Path));
    }

    /// <summary>Yields some bytes, then fails like a dropped upload.</summary>
    private sealed class FailingStream : MemoryStream
    {
        public FailingStream() : base(new byte[100]) { }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position == 0 ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection lost");

        public override int Read(byte[] buffer, int offset, int count) =>
            Position == 0 ? base.Read(buffer, offset, count) : throw new IOException("connection lost");
    }

    [Fact]
    public async Task Listing_gives_the_keys_under_a_prefix_in_order_without_files_still_being_written()
    {
        using var temp = new TempDirectory();
        var store = new LocalFileStore(temp.File("store"));
        foreach (var key in new[] { "votes/e2/KR-202601050900.csv", "votes/e1/result-global.csv", "votes/e1/JP-202601050900.csv", "votes/e10/NA-202601050900.csv", "exports/a.csv" })
            await store.PutAsync(key, new MemoryStream([1]), "text/csv");
        await File.WriteAllTextAsync(temp.File("store/votes/e1/TW-202601050900.csv.0123.partial"), "half");

        Assert.Equal(["votes/e1/JP-202601050900.csv", "votes/e1/result-global.csv", "votes/e10/NA-202601050900.csv", "votes/e2/KR-202601050900.csv"],
            await store.ListKeysAsync("votes/"));
        Assert.Equal(["votes/e1/JP-202601050900.csv", "votes/e1/result-global.csv"], await store.ListKeysAsync("votes/e1/"));
        Assert.Equal(["votes/e1/JP-202601050900.csv", "votes/e1/result-global.csv", "votes/e10/NA-202601050900.csv"], await store.ListKeysAsync("votes/e1"));
        Assert.Empty(await store.ListKeysAsync("nothing/here/"));
        Assert.Equal(5, (await store.ListKeysAsync("")).Count);
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListKeysAsync("../"));
    }
}
