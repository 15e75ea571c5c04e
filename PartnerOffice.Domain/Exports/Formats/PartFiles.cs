namespace PartnerOffice.Exports.Formats;

/// <summary>Copies the checkpointed content of part files into the final file.</summary>
internal static class PartFiles
{
    public const int CopyBufferSize = 1024 * 1024;

    /// <summary>Copies bytes [offset, part.Bytes) of a part: bytes past its last checkpoint are never copied.</summary>
    public static async Task CopyAsync(ExportPart part, long offset, Stream output, CancellationToken cancellationToken)
    {
        await using var input = OpenRead(part.Path);
        input.Position = offset;
        var buffer = new byte[(int)Math.Min(CopyBufferSize, Math.Max(1, part.Bytes - offset))];
        for (var remaining = part.Bytes - offset; remaining > 0;)
        {
            var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0) throw new EndOfStreamException($"Part file '{part.Path}' is shorter than its {part.Bytes} checkpointed bytes.");
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            remaining -= read;
        }
    }

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan | FileOptions.Asynchronous);
}
