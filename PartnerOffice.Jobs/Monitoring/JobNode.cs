namespace PartnerOffice.Jobs.Monitoring;

/// <summary>
/// A process running job workers, as it last reported itself: operators see every node's load on one page, whichever
/// node serves it. A node that stops reporting (killed, or cut off) drops out of the list after a few heartbeats.
/// </summary>
public sealed class JobNode
{
    /// <summary>The worker pool's id, the prefix of the lease owners its workers write.</summary>
    public required string Id { get; set; }
    public int Workers { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime SeenAt { get; set; }
}

/// <summary>Names for the processes of the engine, unique across machines and restarts.</summary>
internal static class JobNodeNames
{
    public static string New() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
