namespace PartnerOffice.Exports.Storage;

/// <summary>The file store could not be reached or refused to store a file (an S3 endpoint down, a bucket gone, credentials refused).</summary>
public sealed class FileStoreUnavailableException(string message, Exception inner) : Exception(message, inner);
