namespace Dspex.GpuCheck.Fit;

/// <summary>One planned fit-test job.</summary>
/// <param name="Id">Its position in the plan.</param>
/// <param name="Bytes">The device memory it declares and then really allocates.</param>
/// <param name="Hold">How long it holds the memory.</param>
internal readonly record struct FitJob(int Id, long Bytes, TimeSpan Hold);
