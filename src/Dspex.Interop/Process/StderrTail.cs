namespace Dspex.Interop.Process;

/// <summary>The last lines a worker wrote to its error stream, kept for crash and start-failure messages.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 20;
    private const int MaxLineLength = 2000;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(string? line)
    {
        if (line is null)
        {
            _closed.TrySetResult();
            return;
        }

        if (line.Length > MaxLineLength)
        {
            line = line[..MaxLineLength] + "…";
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>Waits (bounded) until the stream closed so the last lines of a dead worker are in.</summary>
    public void WaitClosed(TimeSpan timeout) => _closed.Task.Wait(timeout);

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }
}
