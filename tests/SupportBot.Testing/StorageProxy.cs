using System.Net;
using System.Net.Sockets;

namespace SupportBot.Testing;

/// <summary>
/// A TCP proxy in front of Azurite that a test can cut and restore: a storage outage (connections dropped, new ones
/// refused) without losing what Azurite holds, as when the network to a real storage account blinks.
/// </summary>
public sealed class StorageProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _accepting;

    private StorageProxy(int port, int targetPort)
    {
        Port = port;
        _targetPort = targetPort;
    }

    public int Port { get; }

    /// <summary>Azurite's connection string with the proxy's port in place of Azurite's.</summary>
    public string ConnectionStringFor(Azurite azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return azurite.ConnectionString.Replace(":" + azurite.Port + "/", ":" + Port + "/", StringComparison.Ordinal);
    }

    public static StorageProxy Start(Azurite azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var proxy = new StorageProxy(FreePort.Next(), azurite.Port);
        proxy.Restore();
        return proxy;
    }

    /// <summary>Drops every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _accepting?.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _accepting = new CancellationTokenSource();
            _ = AcceptAsync(_listener, _accepting.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = PipeAsync(inbound, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient inbound, CancellationToken cancellationToken)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            _connections.Add(inbound);
            _connections.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, cancellationToken);
            using var link = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), link.Token);
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), link.Token);
            await Task.WhenAny(up, down);
            await link.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The proxy was cut, or one side hung up: close both.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(inbound);
                _connections.Remove(outbound);
            }

            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
