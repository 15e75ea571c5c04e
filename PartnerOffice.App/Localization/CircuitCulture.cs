using System.Globalization;
using PartnerOffice.Jobs.Events;

namespace PartnerOffice.App.Localization;

/// <summary>
/// The culture of the circuit that subscribed to something raised on other threads (job events). A handler run in it
/// hands that culture on to the render it asks for (InvokeAsync flows it), so components that look up the current
/// language themselves (status badges, local times) keep the user's, not the engine thread's.
/// </summary>
public sealed class CircuitCulture
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    /// <summary>Captures the calling thread's culture: create it on the circuit, e.g. in OnAfterRender.</summary>
    public static CircuitCulture Capture() => new();

    public void Run(Action action)
    {
        var (callerCulture, callerUiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
        try { action(); }
        finally
        {
            // The thread belongs to the job engine: it gets its own culture back.
            CultureInfo.CurrentCulture = callerCulture;
            CultureInfo.CurrentUICulture = callerUiCulture;
        }
    }
}

public static class CircuitJobEvents
{
    /// <summary>Subscribes to job events from the circuit (e.g. in OnAfterRender): the handler runs in the circuit's culture.</summary>
    public static IDisposable SubscribeOnCircuit(this IJobEvents events, Action<JobEvent> handler)
    {
        var culture = CircuitCulture.Capture();
        return events.Subscribe(e => culture.Run(() => handler(e)));
    }
}
