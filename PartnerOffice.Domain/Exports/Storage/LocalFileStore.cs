namespace PartnerOffice.Exports.Storage;

/// <summary>
/// Files in a local folder. A put writes a temporary file next to the target and renames it over the
/// target, so a reader sees the old file or the new one, never a partial one. Has no download URLs:
/// the application streams the file itself.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    private const string TemporarySuffix = ".partial";
    private readonly string _root;

    public LocalFileStore(string rootDirectory)
    {
        _root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(_root);
    }

    public Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default) =>
        ReplaceAsync(key, async temporary =>
        {
            await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1024 * 1024, FileOptions.Asynchronous);
            await content.CopyToAsync(file, cancellationToken);
        });

    public Task MoveFileInAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default) =>
        ReplaceAsync(key, temporary =>
        {
            File.Move(localPath, temporary);
            return Task.CompletedTask;
        });

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new FileNotFoundException($"No stored file '{key}'.", key);
        // FileShare.Delete: a retention cleanup may delete the file while someone is still downloading it.
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan));
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        FileStoreKey.ValidatePrefix(prefix);
        // Only the folder the prefix points into is walked, not the whole store.
        var folder = Path.Combine(_root, prefix[..(prefix.LastIndexOf('/') + 1)]);
        IReadOnlyList<string> keys = !Directory.Exists(folder) ? [] : Directory
            .EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(keys);
    }

    public Task<Uri?> GetDownloadUrlAsync(string key, string downloadFileName, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        FileStoreKey.Validate(key);
        return Task.FromResult<Uri?>(null);
    }

    private async Task ReplaceAsync(string key, Func<string, Task> writeTemporary)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await writeTemporary(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, FileStoreKey.Validate(key)));
        // The key rule already excludes traversal; this guards the folder even if the rule is loosened.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{key}' leads outside the store.", nameof(key));
        return path;
    }
}
