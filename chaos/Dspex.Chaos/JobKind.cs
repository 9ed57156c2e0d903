namespace Dspex.Chaos;

/// <summary>What one chaos job does, and so which outcome it must reach.</summary>
internal enum JobKind
{
    /// <summary>Optimizer pool: Python sleeps a few ms and returns the job id.</summary>
    OptimizerSleep,

    /// <summary>Optimizer pool: Python spins the CPU a few ms and returns the job id.</summary>
    OptimizerSpin,

    /// <summary>Optimizer pool: Python raises ValueError.</summary>
    OptimizerRaise,

    /// <summary>Optimizer pool: Python sleeps past the job's timeout; SIGINT ends it.</summary>
    OptimizerHang,

    /// <summary>Optimizer pool: Python swallows SIGINT past the timeout; the executor kills the worker.</summary>
    OptimizerStubbornHang,

    /// <summary>General pool: embedded Python spins a fraction of a millisecond and returns the job id.</summary>
    GeneralEcho,

    /// <summary>General pool: the in-process Python call raises ChaosInProcessError.</summary>
    GeneralRaise,

    /// <summary>General pool: an in-process pure-Python loop runs past its timeout until its token interrupts it.</summary>
    GeneralHang,

    /// <summary>General pool: an echo job whose caller cancels it right after submitting it.</summary>
    GeneralCancelled,
}
