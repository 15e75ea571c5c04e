namespace PartnerOffice.Jobs.Launching;

/// <summary>
/// Keeps an execution's Queued event ahead of its Running event in this process. A worker can claim an execution in
/// the moment between the commit that queued it and the Queued event's publishing; the claim's Running event then
/// waits for any queuing still publishing.
/// </summary>
internal sealed class QueuedEventOrder
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Held while an execution is queued (or requeued) and its Queued event published.</summary>
    public async Task<IDisposable> QueuingAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    /// <summary>Completes once no queuing is publishing: a claim's event may go out.</summary>
    public async Task AfterQueuingAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        gate.Release();
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }
}
