namespace Dspex.Gpu;

/// <summary>One job's reservation on one device, with the moment it was made (for the settle rule).</summary>
/// <param name="Device">The device index.</param>
/// <param name="Bytes">The bytes reserved.</param>
/// <param name="ReservedAt">The <see cref="TimeProvider"/> timestamp of the reservation.</param>
internal sealed record Reservation(int Device, long Bytes, long ReservedAt);
