using System.Diagnostics;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A small tmpfs mounted on a fresh folder for one test, so the test can fill it up; unmounted and removed afterwards.
/// Mounting needs root, which the test machines give (scripts/test.sh runs as root in CI).
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    public static SmallFilesystem Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("partneroffice-small-fs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        return new SmallFilesystem(path);
    }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Takes up all but <paramref name="leave"/> bytes with a file of its own; <see cref="Free"/> gives them back.</summary>
    public void FillLeaving(long leave)
    {
        using var filler = new FileStream(FillerPath, FileMode.Append);
        var block = new byte[64 * 1024];
        while (FreeBytes > leave + block.Length) filler.Write(block);
    }

    public void Free() => File.Delete(FillerPath);

    private string FillerPath => System.IO.Path.Combine(Path, "filler.bin");

    public void Dispose()
    {
        Run("umount", "--lazy", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {error}");
    }
}
