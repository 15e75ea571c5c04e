namespace PartnerOffice.App.Storage;

/// <summary>Settings of the S3 file store. Defaults suit AWS; MinIO wants path style, s3rver also no chunked encoding.</summary>
public sealed class S3StorageOptions
{
    /// <summary>An S3-compatible endpoint such as <c>http://127.0.0.1:4569</c>; empty for AWS itself (by <see cref="Region"/>).</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = "";

    /// <summary>With <see cref="SecretKey"/>; when empty the SDK's default credentials (environment, instance role) apply.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Bucket in the path rather than the host name: needed by MinIO and s3rver.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Streaming-signed (aws-chunked) uploads; s3rver stores that framing as content, so it needs false.</summary>
    public bool UseChunkEncoding { get; set; } = true;

    /// <summary>Put in front of every key, e.g. <c>partneroffice/</c>, to share a bucket.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Files larger than this go up in parts of this size (S3's minimum part is 5 MiB).</summary>
    public int PartSizeBytes { get; set; } = 16 * 1024 * 1024;
}
