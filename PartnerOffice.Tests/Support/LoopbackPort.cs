using System.Net;
using System.Net.Sockets;

namespace PartnerOffice.Tests.Support;

/// <summary>Ports for the servers tests start: only ever on 127.0.0.1.</summary>
public static class LoopbackPort
{
    /// <summary>A port free on the loopback interface just now (the system picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
