using Dspex.Scheduler;
using FsCheck.Xunit;
using static Dspex.Gpu.Tests.AdmissionScenario;

namespace Dspex.Gpu.Tests;

/// <summary>
/// Random workloads driven through the gate on a fake clock, step by step. Each admission, rejection and deferral
/// is checked against the ledger at that moment; bypasses are counted here, independently of the gate.
/// </summary>
public sealed class AdmissionProperties
{
    private const int HeadroomUnits = 1;
    private const int ContextUnits = 1;

    [Property(Arbitrary = [typeof(AdmissionArbitraries)], MaxTest = 300)]
    public void Reservations_stay_within_budget_every_job_is_admitted_or_rejected_at_once_and_all_memory_returns(AdmissionScenario scenario)
        => new Simulation(scenario).Run();

    private sealed class Simulation
    {
        private readonly AdmissionScenario _scenario;
        private readonly List<Tracked> _waiting = [];
        private readonly List<Tracked> _running = [];
        private readonly List<Tracked> _all = [];
        private readonly GpuAdmission _gpu;
        private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = Gpus.Clock();
        private int _step;
        private int _requests;

        public Simulation(AdmissionScenario scenario)
        {
            _scenario = scenario;
            var options = new GpuOptions
            {
                HeadroomBytes = HeadroomUnits * Unit,
                WorkerContextBytes = ContextUnits * Unit,
                RefreshInterval = TimeSpan.FromMilliseconds(250),
                PlacementPolicy = scenario.Placement,
                BypassLimit = scenario.BypassLimit,
                SimulatedDevices = scenario.Devices.Select(d => new SimulatedGpuOptions
                {
                    TotalBytes = d.TotalUnits * Unit,
                    OtherProcesses =
                    [
                        new SimulatedUsagePoint { At = TimeSpan.Zero, Bytes = d.OthersStartUnits * Unit },
                        new SimulatedUsagePoint { At = Step * PeakStep, Bytes = d.OthersPeakUnits * Unit },
                        new SimulatedUsagePoint { At = Step * CalmStep, Bytes = 0 },
                    ],
                }).ToList(),
            };
            _gpu = GpuAdmission.Create(options, _time);
        }

        public void Run()
        {
            using (_gpu)
            {
                var gate = _gpu.GateFor(PoolNames.Neural);
                var arrivals = _scenario.Jobs.OrderBy(j => j.ArrivalStep).ToList();
                var next = 0;
                for (_step = 0; next < arrivals.Count || _waiting.Count > 0 || _running.Count > 0; _step++)
                {
                    Assert.True(_step < 5000, $"not finished after {_step} steps: {_waiting.Count} waiting, {_running.Count} running");
                    EndRunningJobs();
                    CancelQueuedJobs();
                    while (next < arrivals.Count && arrivals[next].ArrivalStep <= _step)
                    {
                        Submit(gate, arrivals[next++]);
                    }

                    CheckLedger();
                    _time.Advance(Step);
                    CheckLedger();
                }

                // Abandoned tickets are dropped by the next pass at the latest, which the next refresh runs.
                _time.Advance(TimeSpan.FromSeconds(1));
                Assert.Equal(0, _gpu.WaitingCount);
                foreach (var device in _gpu.Devices)
                {
                    Assert.Equal(0, device.ReservedBytes);
                }

                foreach (var job in _all)
                {
                    Assert.True(job.Lease is null || job.Lease.IsReleased, $"lease of {job.Spec} never released");
                    Assert.All(job.Job.Refused, l => Assert.True(l.IsReleased, "a refused lease was not disposed"));
                    var abandoned = job.Job.Abandoned && job.Lease is null;
                    Assert.True(job.RejectedAtOnce || job.Lease is not null || abandoned, $"{job.Spec} was neither admitted nor rejected at once");
                    Assert.True(job.Bypasses <= _scenario.BypassLimit, $"{job.Spec} was bypassed {job.Bypasses} times; the bound is {_scenario.BypassLimit}");
                }
            }
        }

        private void Submit(IAdmissionGate gate, JobSpec spec)
        {
            var tracked = new Tracked(spec, new TestJob(bytes: spec.Units * Unit, device: spec.Device), _requests++, _step);
            tracked.Job.OnAdmitted = (_, lease) => Admitted(tracked, lease);
            _all.Add(tracked);
            var eligible = spec.Device is int d ? [d] : Enumerable.Range(0, _scenario.Devices.Length).ToArray();
            var budgets = eligible.Select(i => _gpu.Devices[i].BudgetBytes).ToArray();
            var decision = gate.Request(tracked.Job.Ticket);
            switch (decision.Kind)
            {
                case AdmissionDecisionKind.Rejected:
                    Assert.IsType<GpuCapacityException>(decision.Error);
                    Assert.All(budgets, b => Assert.True(spec.Units * Unit > b, $"{spec} rejected though a budget was {b}"));
                    tracked.RejectedAtOnce = true;
                    break;
                case AdmissionDecisionKind.Deferred:
                    Assert.Contains(budgets, b => spec.Units * Unit <= b);
                    _waiting.Add(tracked);
                    break;
                default:
                    Admitted(tracked, decision.Lease!);
                    break;
            }
        }

        private void Admitted(Tracked tracked, AdmissionLease lease)
        {
            var device = lease.Device!.Value;
            var status = _gpu.Devices[device];
            Assert.True(status.ReservedBytes <= status.BudgetBytes, $"reserved {status.ReservedBytes} > budget {status.BudgetBytes} on GPU {device}");
            Assert.True(tracked.Spec.Device is null || tracked.Spec.Device == device);
            foreach (var earlier in _waiting.Where(w => w.Order < tracked.Order && !w.Job.Abandoned && w.Lease is null))
            {
                if ((earlier.Spec.Device is null || earlier.Spec.Device == device) && earlier.Spec.Units * Unit <= status.BudgetBytes)
                {
                    earlier.Bypasses++;
                }
            }

            _waiting.Remove(tracked);
            tracked.Lease = lease;
            tracked.EndStep = tracked.Spec.Fate switch
            {
                JobFate.FailsAtOnce => _step,
                JobFate.CancelledWhileRunning => _step + Math.Min(tracked.Spec.CancelAfterSteps, tracked.Spec.DurationSteps),
                _ => _step + tracked.Spec.DurationSteps,
            };
            _running.Add(tracked);
        }

        private void EndRunningJobs()
        {
            foreach (var job in _running.Where(r => r.EndStep <= _step).ToArray())
            {
                _running.Remove(job);
                job.Lease!.Dispose();
                if (job.Spec.Fate == JobFate.FailsAtOnce)
                {
                    job.Lease.Dispose();
                }
            }
        }

        private void CancelQueuedJobs()
        {
            foreach (var job in _waiting.Where(w => w.Spec.Fate == JobFate.CancelledWhileQueued && w.SubmitStep + w.Spec.CancelAfterSteps <= _step).ToArray())
            {
                job.Job.Abandoned = true;
                _waiting.Remove(job);
            }
        }

        private void CheckLedger()
        {
            for (var d = 0; d < _scenario.Devices.Length; d++)
            {
                var held = _running.Where(r => r.Lease!.Device == d).Sum(r => r.Spec.Units * Unit);
                Assert.Equal(held, _gpu.Devices[d].ReservedBytes);
            }
        }
    }

    private sealed class Tracked(JobSpec spec, TestJob job, int order, int submitStep)
    {
        public JobSpec Spec { get; } = spec;

        public TestJob Job { get; } = job;

        public int Order { get; } = order;

        public int SubmitStep { get; } = submitStep;

        public bool RejectedAtOnce { get; set; }

        public AdmissionLease? Lease { get; set; }

        public int EndStep { get; set; }

        public int Bypasses { get; set; }
    }
}
