namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutRacesAndLocksWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new(
            "AboutRacesAndLocks.WhenBothThreadsReadBeforeEitherWritesAnUpdateIsLost",
            "thinks both updates land, as if the threads had taken turns",
            Find: "balance.ShouldBe(70,",
            Replace: "balance.ShouldBe(120,",
            Symptom: "the balance once both threads wrote"),
        new(
            "AboutRacesAndLocks.OutsidersCanTakeALockOnThis",
            "thinks TryAdd locks something of its own, so the outsider cannot stop it",
            Find: "tally.Count.ShouldBe(2,",
            Replace: "tally.Count.ShouldBe(5,",
            Symptom: "the adds the tally counted"),
        new(
            "AboutRacesAndLocks.ALockKeepsTheReadAndTheWriteTogether",
            "lock only around the write, not the read",
            Find: "lock (counterLock)\n            {\n                var seen = counter;\n                afterRead();\n                counter = seen + 1;\n            }",
            Replace: "var seen = counter;\n            afterRead();\n            lock (counterLock)\n            {\n                counter = seen + 1;\n            }",
            Symptom: "lost update"),
        new(
            "AboutRacesAndLocks.CompareExchangeLetsTheLoserTryAgain",
            "a plain write instead of CompareExchange",
            Find: "if (Interlocked.CompareExchange(ref counter, seen + 1, seen) == seen)\n                {\n                    return;\n                }\n\n                Interlocked.Increment(ref retries);",
            Replace: "counter = seen + 1;\n                return;",
            Symptom: "update was lost"),
        new(
            "AboutRacesAndLocks.ALockAroundCheckAndActCreatesOnlyOnce",
            "no lock around the check and the act",
            Find: "lock (creationLock)\n            {\n                CheckThenCreate(afterCheck);\n            }",
            Replace: "CheckThenCreate(afterCheck);",
            Symptom: "both saw nothing"),
        new(
            "AboutRacesAndLocks.APrivateLockObjectIsYoursAlone",
            "lock (this) instead of the private lock object",
            Find: "lock (countLock)",
            Replace: "lock (this)",
            Symptom: "blocked"),
        new(
            "AboutRacesAndLocks.OneLockOrderForEveryoneCannotDeadlock",
            "B takes the locks in the opposite order",
            Find: "gotBoth[1] = TakeBoth(accountsLock, auditLock, () => { });",
            Replace: "gotBoth[1] = TakeBoth(auditLock, accountsLock, () => { });",
            Symptom: "deadlock"),
        new(
            "AboutRacesAndLocks.TheLockTypeHoldsItsScope",
            "Enter without Exit",
            Find: "using var scope = gate.EnterScope();",
            Replace: "gate.Enter();",
            Symptom: "still holds the gate"),
        new(
            "AboutRacesAndLocks.TheLockTypeHoldsItsScope",
            "an empty lock block instead of a scope",
            Find: "using var scope = gate.EnterScope();",
            Replace: "lock (gate)\n            {\n            }",
            Symptom: "did not hold the gate"),
    ];
}
