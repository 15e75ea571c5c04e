namespace PartnerOffice.Exports.Storage;

/// <summary>
/// Where finished export files are kept: a local folder or an S3 bucket. Keys are relative paths such
/// as <c>exports/2026/11/42/orders.xlsx</c> (see <see cref="FileStoreKey"/>); a put replaces any file
/// under the same key, and readers never see a half-written file.
/// </summary>
public interface IFileStore
{
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a local file, such as a finished export, and removes the local file once it is stored: a
    /// rename for a local store on the same volume, so a large file is not copied. On failure the local
    /// file stays where it was.
    /// </summary>
    Task MoveFileInAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Opens the stored file for reading. Throws <see cref="FileNotFoundException"/> when there is none.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the file; false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The stored file's size in bytes, or null when there is none.</summary>
    Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The keys of the stored files under <paramref name="prefix"/> (a key prefix such as <c>votes/e1/</c>, or ""
    /// for all), in ordinal order. Files still being written are not listed.
    /// </summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default);

    async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        await GetSizeAsync(key, cancellationToken) is not null;

    /// <summary>
    /// A URL from which a browser can download the file directly for <paramref name="lifetime"/>, saving
    /// it as <paramref name="downloadFileName"/>; null when the store has none (the app streams the file).
    /// Whoever gets the URL can download: check access before handing it out.
    /// </summary>
    Task<Uri?> GetDownloadUrlAsync(string key, string downloadFileName, TimeSpan lifetime, CancellationToken cancellationToken = default);
}
