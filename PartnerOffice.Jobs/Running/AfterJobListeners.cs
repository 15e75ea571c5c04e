using Microsoft.Extensions.Logging;
using PartnerOffice.Jobs.Definition;

namespace PartnerOffice.Jobs.Running;

internal static class AfterJobListeners
{
    /// <summary>Tells every after-job listener of an ending; one that fails is logged and changes neither the ending nor the others.</summary>
    public static async Task NotifyAsync(IEnumerable<object> listeners, JobRunContext context, ILogger logger)
    {
        foreach (var listener in listeners.OfType<IAfterJobListener>())
        {
            try { await listener.AfterJobAsync(context, CancellationToken.None); }
            catch (Exception error) { logger.LogError(error, "An after-job listener of execution {ExecutionId} failed", context.Execution.Id); }
        }
    }
}
