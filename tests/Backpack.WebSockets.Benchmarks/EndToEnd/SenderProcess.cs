using System.Diagnostics;
using System.Globalization;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>
/// Starts <see cref="FrameSender"/> in a child process (this same executable with <c>--serve</c>), so its CPU and
/// allocations are not counted against the receivers measured in this process.
/// </summary>
internal sealed class SenderProcess : IDisposable
{
    private readonly Process _process;

    private SenderProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static Task<SenderProcess> StartAsync(int count) => StartAsync(["--serve", count.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Starts this executable with <paramref name="arguments"/> as a sender that prints <c>port=N</c> first.</summary>
    public static async Task<SenderProcess> StartAsync(IReadOnlyList<string> arguments)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Run as `dotnet <dll>` when this process is the dotnet host itself.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(SenderProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The sender process did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
        if (line is null || !line.StartsWith("port=", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"The sender process printed '{line}' instead of its port.");
        }

        return new SenderProcess(process, new Uri($"ws://127.0.0.1:{line["port=".Length..]}/"));
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
