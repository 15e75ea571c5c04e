namespace PartnerOffice.Rankings;

/// <summary>What the ranking jobs and the page share.</summary>
public static class RankingJobs
{
    /// <summary>Limits a push, an aggregation or a pull to one event; without it they do every event they find.</summary>
    public const string EventParameter = "eventId";

    /// <summary>The portal page showing an event's rankings, relative to the portal's address.</summary>
    public static string PageLink(string eventId) => $"/rankings?event={Uri.EscapeDataString(eventId)}";
}
