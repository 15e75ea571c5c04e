using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using PartnerOffice.Exports.Storage;

namespace PartnerOffice.App.Storage;

/// <summary>
/// Files in an S3 bucket (AWS or S3-compatible). Large files go up as a multipart upload through the
/// public Initiate/UploadPart/Complete calls (aborted on failure, so no orphaned parts are billed);
/// an object only appears once complete. Downloads can be handed to the browser as presigned URLs.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    private const int MinPartSize = 5 * 1024 * 1024;
    private readonly IAmazonS3 _s3;
    private readonly S3StorageOptions _options;
    private readonly TimeProvider _time;

    public S3FileStore(S3StorageOptions options, TimeProvider? time = null)
    {
        if (string.IsNullOrWhiteSpace(options.Bucket)) throw new ArgumentException("S3 storage needs a bucket.", nameof(options));
        if (options.PartSizeBytes < MinPartSize) throw new ArgumentException($"S3 parts are at least {MinPartSize} bytes.", nameof(options));
        _options = options;
        _time = time ?? TimeProvider.System;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 requires them: optional ones are sent as aws-chunked trailers,
            // which S3-compatible servers without chunked encoding (s3rver) would store as content.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl)) config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        _s3 = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey ?? ""), config);
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var objectKey = ObjectKey(key);
        // Read a part's worth first: a small file is one PUT, a large one a multipart upload part by part.
        var buffer = new byte[_options.PartSizeBytes];
        var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (filled < buffer.Length)
        {
            await PutSingleAsync(objectKey, new MemoryStream(buffer, 0, filled, writable: false), contentType, cancellationToken);
            return;
        }
        await UploadInPartsAsync(objectKey, contentType, async (partNumber, ct) =>
        {
            if (partNumber > 1) filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (filled == 0) return null;
            return new UploadPartRequest { InputStream = new MemoryStream(buffer, 0, filled, writable: false), PartSize = filled };
        }, cancellationToken);
    }

    public async Task MoveFileInAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default)
    {
        try
        {
            await UploadFileAsync(ObjectKey(key), localPath, contentType, cancellationToken);
        }
        // The store's own failures, as the domain knows them: the export tells its partner the store did not answer.
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new FileStoreUnavailableException($"The S3 store did not take {key}: {e.Message}", e);
        }
        File.Delete(localPath);
    }

    private async Task UploadFileAsync(string objectKey, string localPath, string contentType, CancellationToken cancellationToken)
    {
        var length = new FileInfo(localPath).Length;
        if (length <= _options.PartSizeBytes)
        {
            await using var file = File.OpenRead(localPath);
            await PutSingleAsync(objectKey, file, contentType, cancellationToken);
            return;
        }
        // Parts are read straight from the file by position: no part-sized buffer.
        await UploadInPartsAsync(objectKey, contentType, (partNumber, _) =>
        {
            var position = (long)(partNumber - 1) * _options.PartSizeBytes;
            return Task.FromResult(position >= length ? null : new UploadPartRequest
            {
                FilePath = localPath,
                FilePosition = position,
                PartSize = Math.Min(_options.PartSizeBytes, length - position),
            });
        }, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _s3.GetObjectAsync(_options.Bucket, ObjectKey(key), cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No stored file '{key}'.", key, e);
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        // S3 answers a delete the same whether the object existed or not; ask first to report it.
        if (await GetSizeAsync(key, cancellationToken) is null) return false;
        await _s3.DeleteObjectAsync(_options.Bucket, ObjectKey(key), cancellationToken);
        return true;
    }

    public async Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = await _s3.GetObjectMetadataAsync(_options.Bucket, ObjectKey(key), cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _options.Prefix + FileStoreKey.ValidatePrefix(prefix) };
        var keys = new List<string>();
        // A page holds at most 1,000 keys; the continuation token asks for the next.
        do
        {
            var page = await _s3.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key[_options.Prefix.Length..]));
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public async Task<Uri?> GetDownloadUrlAsync(string key, string downloadFileName, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = ObjectKey(key),
            Verb = HttpVerb.GET,
            Expires = _time.GetUtcNow().UtcDateTime + lifetime,
            // The SDK signs https unless told otherwise; an http endpoint (a local server) needs http URLs.
            Protocol = _options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        request.ResponseHeaderOverrides.ContentDisposition = AttachmentHeader(downloadFileName);
        return new Uri(await _s3.GetPreSignedURLAsync(request));
    }

    private async Task PutSingleAsync(string objectKey, Stream content, string contentType, CancellationToken cancellationToken)
    {
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = objectKey,
            InputStream = content,
            ContentType = contentType,
            UseChunkEncoding = _options.UseChunkEncoding,
            AutoCloseStream = false,
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a multipart upload: <paramref name="nextPart"/> gives part 1, 2, … (content only) until it
    /// returns null. Any failure aborts the upload.
    /// </summary>
    private async Task UploadInPartsAsync(string objectKey, string contentType,
        Func<int, CancellationToken, Task<UploadPartRequest?>> nextPart, CancellationToken cancellationToken)
    {
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = _options.Bucket,
            Key = objectKey,
            ContentType = contentType,
        }, cancellationToken);
        try
        {
            var etags = new List<PartETag>();
            for (var partNumber = 1; await nextPart(partNumber, cancellationToken) is { } part; partNumber++)
            {
                part.BucketName = _options.Bucket;
                part.Key = objectKey;
                part.UploadId = upload.UploadId;
                part.PartNumber = partNumber;
                part.UseChunkEncoding = _options.UseChunkEncoding;
                var response = await _s3.UploadPartAsync(part, cancellationToken);
                etags.Add(new PartETag(partNumber, response.ETag));
            }
            await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _options.Bucket,
                Key = objectKey,
                UploadId = upload.UploadId,
                PartETags = etags,
            }, cancellationToken);
        }
        catch
        {
            await TryAbortAsync(objectKey, upload.UploadId);
            throw;
        }
    }

    /// <summary>
    /// Aborts an upload so its parts stop being stored. A failed abort must not hide why the upload
    /// failed, so it is ignored: a bucket lifecycle rule (AbortIncompleteMultipartUpload) is the
    /// backstop. s3rver, for one, does not implement abort at all.
    /// </summary>
    private async Task TryAbortAsync(string objectKey, string uploadId)
    {
        try
        {
            // Not with the caller's token: a cancelled upload must still be aborted.
            await _s3.AbortMultipartUploadAsync(_options.Bucket, objectKey, uploadId, CancellationToken.None);
        }
        catch (AmazonServiceException)
        {
        }
    }

    private string ObjectKey(string key) => _options.Prefix + FileStoreKey.Validate(key);

    /// <summary>
    /// <c>attachment</c> with an ASCII fallback name and the exact UTF-8 name (RFC 6266), so Korean
    /// file names survive in browsers.
    /// </summary>
    internal static string AttachmentHeader(string fileName)
    {
        var fallback = new StringBuilder(fileName.Length);
        foreach (var c in fileName) fallback.Append(c is >= ' ' and < '\u007F' and not '"' and not '\\' ? c : '_');
        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    public void Dispose() => _s3.Dispose();
}
