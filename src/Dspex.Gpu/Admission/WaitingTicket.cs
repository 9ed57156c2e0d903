using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>A deferred job: its demand, the devices it may use, and how often later jobs went past it.</summary>
internal sealed class WaitingTicket
{
    public WaitingTicket(AdmissionTicket ticket, GpuGate gate, long bytes, ulong eligible, long enqueuedAt)
    {
        Ticket = ticket;
        Gate = gate;
        Bytes = bytes;
        Eligible = eligible;
        EnqueuedAt = enqueuedAt;
        Node = new LinkedListNode<WaitingTicket>(this);
    }

    public AdmissionTicket Ticket { get; }

    public GpuGate Gate { get; }

    public long Bytes { get; }

    /// <summary>Bit d set: the job may run on device d.</summary>
    public ulong Eligible { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp at which it was deferred.</summary>
    public long EnqueuedAt { get; }

    /// <summary>Later jobs admitted to a device this one could use while it waited.</summary>
    public int Bypasses { get; set; }

    public LinkedListNode<WaitingTicket> Node { get; }
}
