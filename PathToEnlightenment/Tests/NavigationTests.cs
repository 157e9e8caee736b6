using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// The runner's navigation, pinned: what it remembers between walks, the passes it tells, hints one at a
/// time, the list of topics, frustration, enlightenment, <c>--koan</c> and <c>reset</c>. The koans are
/// never built here: the host's runs are made by hand (<see cref="TeaPath"/>) and the clock is set.
/// </summary>
[TestFixture]
public sealed class NavigationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly List<string> _meditations = [];
    private TeaPath _path = null!;
    private FixedClock _clock = null!;
    private Func<string?, HostRun> _host = null!;

    [SetUp]
    public void MakeThePath()
    {
        _path = new TeaPath();
        _clock = new FixedClock(Start);
        _meditations.Clear();
        _host = _ => _path.Run(passed: 0);
    }

    [TearDown]
    public void DeleteIt() => _path.Dispose();

    [Test]
    public void AWalkIsRemembered()
    {
        _host = _ => _path.Run(passed: 1);
        Walk().Exit.ShouldBe(ExitCodes.KoansLeft);
        var state = Stored();
        state.FirstWalk.ShouldBe(Start);
        state.Path.ShouldBe(["AboutTea.TeaIsServedInCups", "AboutTea.WaterBoilsFirst", "AboutTea.GreenTeaSteepsBriefly", "AboutCoffee.CoffeeIsBitter", "AboutCoffee.EspressoIsSmall"]);
        state.Passed.ShouldBe(["AboutTea.TeaIsServedInCups"]);
        state.Current.ShouldBe(new CurrentKoan("AboutTea.WaterBoilsFirst", "Koans/01_AboutTea.cs:19", "What comes first?", null));
        state.StuckWalks.ShouldBe(0);
        state.HintsShown.ShouldBe(0);
        state.SawFiles(LearnerFiles.Of(_path.Layout)).ShouldBeTrue();
    }

    [Test]
    public void KoansPassedSinceTheLastWalkAreToldWithWhyAndWhatSolutionsWrote()
    {
        Walk();
        _host = _ => _path.Run(passed: 2);
        var (exit, output) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldBe("""
            You passed AboutTea.TeaIsServedInCups
              Tea is served in cups, and cups can be counted.
              Solutions wrote: 2
            You passed AboutTea.WaterBoilsFirst
              The water boils before anything else happens.
              Solutions wrote:
                steps.Add("boil");
                steps.Add("pour");

            ── 01 AboutTea ─────────────────────────────────────────────────────────────────

            AboutTea.GreenTeaSteepsBriefly has damaged your karma.

              Fill in the blank at Koans/01_AboutTea.cs:28: replace __ with the answer that
              makes this koan true.

            Meditate on Koans/01_AboutTea.cs:28
            The koan asks: How many minutes?
              25     public void GreenTeaSteepsBriefly()
              26     {
              27         var minutes = 2;
            > 28         minutes.ShouldBe(__);
              29     }
              30 }

            Path 2/5  ████████████░░░░░░░░░░░░░░░░░░  topic 1 of 2: 2/3
            Read the message slowly; it knows more than it says.
            Stuck? dotnet run --project PathToEnlightenment -- hint

            """);
    }

    [Test]
    public void AKoanThatHasNotPassedNeverShowsItsAnswer()
    {
        Walk();
        var (_, again) = Walk();
        again.ShouldNotContain("You passed");
        again.ShouldNotContain("Solutions wrote");
        _host = _ => _path.Run(passed: 2);
        var (_, moved) = Walk();
        moved.ShouldNotContain("You passed AboutTea.GreenTeaSteepsBriefly");
        moved.ShouldNotContain("minutes.ShouldBe(2)");
    }

    [Test]
    public void AtMostThreePassesAreToldAndTheRestCounted()
    {
        Walk();
        _host = _ => _path.Run(passed: 4);
        var (_, output) = Walk();
        output.ShouldContain("You passed AboutTea.TeaIsServedInCups");
        output.ShouldContain("You passed AboutTea.GreenTeaSteepsBriefly");
        output.ShouldNotContain("You passed AboutCoffee.CoffeeIsBitter");
        output.ShouldContain("…and 1 more.");
    }

    [Test]
    public void AFirstWalkWithoutAStateTellsNoPasses()
    {
        _host = _ => _path.Run(passed: 2);
        Walk().Output.ShouldNotContain("You passed");
    }

    [Test]
    public void HintStartsAtTheDeeperHintSinceTheQuestionIsOnTheScreenThenSaysThereAreNoMore()
    {
        Walk().Output.ShouldContain("The koan asks: How many cups?");
        var first = Hint();
        var second = Hint();
        first.Exit.ShouldBe(ExitCodes.KoansLeft);
        first.Output.ShouldBe("""
            AboutTea.TeaIsServedInCups, at Koans/01_AboutTea.cs:11
            The koan asks: How many cups?
            Hint: Count them.
            That is its last hint.

            """);
        second.Output.ShouldBe("""
            AboutTea.TeaIsServedInCups, at Koans/01_AboutTea.cs:11
            The koan asks: How many cups?
            There are no more hints for this koan. Read its failure message once more,
            slowly (walk to see it), and the comment above the koan: together they say what
            the blank must be.

            """);
        _meditations.Count.ShouldBe(1, "the hints came from the last walk's state, without walking again");
    }

    [Test]
    public void AKoanWithOnlyItsQuestionHasNoMoreHints()
    {
        _host = _ => _path.Run(passed: 1);
        Walk();
        Hint().Output.ShouldBe("""
            AboutTea.WaterBoilsFirst, at Koans/01_AboutTea.cs:19
            The koan asks: What comes first?
            There are no more hints for this koan. Read its failure message once more,
            slowly (walk to see it), and the comment above the koan: together they say what
            the blank must be.

            """);
    }

    [Test]
    public void HintWalksFirstWhenTheKoansChangedSinceTheLastWalk()
    {
        Walk();
        Hint();
        File.AppendAllText(_path.KoanFile("01_AboutTea.cs"), "// an answer\n");
        _host = _ => _path.Run(passed: 1);
        var (_, output) = Hint();
        _meditations.Count.ShouldBe(2);
        output.ShouldContain("You passed AboutTea.TeaIsServedInCups");
        output.ShouldContain("AboutTea.WaterBoilsFirst, at Koans/01_AboutTea.cs:19");
        output.ShouldContain("The koan asks: What comes first?");
    }

    [Test]
    public void HintWithoutAnyWalkWalksFirst()
    {
        var (_, output) = Hint();
        _meditations.ShouldBe(["the path"]);
        output.ShouldContain("Hint: Count them.");
    }

    [Test]
    public void HintsStartAgainAtTheNextKoan()
    {
        Walk();
        Hint();
        _host = _ => _path.Run(passed: 2);
        Walk();
        Hint().Output.ShouldContain("Hint: Fewer than three.");
    }

    [Test]
    public void ListShowsEachTopicTheCurrentOneAndTheWholePath()
    {
        _host = _ => _path.Run(passed: 3);
        Walk();
        var (exit, output) = List();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldBe("""
            ── Your path ───────────────────────────────────────────────────────────────────
            01  AboutTea       3/3  ✓
            02  AboutCoffee    0/2  ◀ you are here: AboutCoffee.CoffeeIsBitter

            Path 3/5  ██████████████████░░░░░░░░░░░░
            As of your last walk.

            """);
        _meditations.Count.ShouldBe(1, "list read the last walk's results");
    }

    [Test]
    public void ListWithoutAStateWalksFirst()
    {
        _host = _ => _path.Run(passed: 1);
        var (_, output) = List();
        _meditations.ShouldBe(["the path"]);
        output.ShouldContain("AboutTea.WaterBoilsFirst");
        output.ShouldContain("Path 1/5");
        output.ShouldNotContain("As of your last walk");
    }

    [Test]
    public void ListSaysWhenTheKoansChangedSinceTheLastWalk()
    {
        Walk();
        File.AppendAllText(_path.KoanFile("02_AboutCoffee.cs"), "// more\n");
        List().Output.ShouldContain("As of your last walk; your koans changed since, so walk again to update it.");
    }

    [Test]
    public void WalksWithoutProgressOnOneKoanBringEncouragementAndHint()
    {
        for (var walk = 1; walk <= Walks.FrustrationAfter; walk++)
        {
            Walk().Output.ShouldNotContain("I sense frustration");
        }

        var (_, output) = Walk();
        output[output.IndexOf("Path 0/5", StringComparison.Ordinal)..].ShouldBe("""
            Path 0/5  ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  topic 1 of 2: 0/3
            Stuck? dotnet run --project PathToEnlightenment -- hint

            I sense frustration: 5 walks in a row on AboutTea.TeaIsServedInCups without a
            step forward. Every master has sat where you sit.
            Ask for a nudge: dotnet run --project PathToEnlightenment -- hint

            """);
        output.ShouldNotContain("Solutions wrote");
    }

    [Test]
    public void FrustrationAfterEveryHintWasShownSuggestsReadingAgainAndReset()
    {
        Walk();
        Hint();
        Hint();
        var output = string.Empty;
        for (var walk = 1; walk <= Walks.FrustrationAfter; walk++)
        {
            output = Walk().Output;
        }

        output.ShouldContain("You have seen its hints");
        output.ShouldContain("reset AboutTea.TeaIsServedInCups");
    }

    [Test]
    public void AFailureThatMovesWithinTheKoanIsProgress()
    {
        // A koan's blank is the place to meditate on while it is there; answered (wrongly), the failure's own line is.
        var file = _path.KoanFile("01_AboutTea.cs");
        File.WriteAllText(file, File.ReadAllText(file).Replace("cups.ShouldBe(__)", "cups.ShouldBe(3)", StringComparison.Ordinal));
        for (var walk = 1; walk <= 2 * Walks.FrustrationAfter; walk++)
        {
            var line = walk % 2 == 0 ? 10 : 11;
            _host = _ => _path.Run(passed: 0, place: $"Koans/01_AboutTea.cs:{line}");
            Walk().Output.ShouldNotContain("I sense frustration");
        }
    }

    [Test]
    public void EnlightenmentSaysHowLongThePathTookAndHowManyTopics()
    {
        _host = _ => _path.Run(passed: 4);
        Walk();
        _clock.Now = Start + new TimeSpan(2, 3, 20, 0);
        _host = _ => _path.Run(passed: 5);
        var (exit, output) = Walk();
        exit.ShouldBe(ExitCodes.Enlightened);
        output.ShouldBe("""
            You passed AboutCoffee.EspressoIsSmall
              An espresso is a small coffee.
              Solutions wrote: 30

            ──────────────────────────────── Enlightenment ─────────────────────────────────
            All 5 koans of all 2 topics pass. Every one was checked again just now.
            You have walked the whole path: from a string to a pool of threads of your own.
            2 topics in 2 days and 3 hours, counted from your first walk.
            Path 5/5  ██████████████████████████████

            """);
    }

    [Test]
    public void ACorruptStateFileIsIgnoredWithOneWarning()
    {
        File.WriteAllText(Path.Combine(_path.Root, StateStore.FileName), "{ \"firstWalk\": ");
        var (exit, output) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldStartWith("""
            Your progress file .koans-state.json could not be read (it is not what this
            runner writes), so the runner starts it afresh.
            ── 01 AboutTea ──
            """);
        output.Split("Your progress file").Length.ShouldBe(2, "one warning");
        Stored().Current!.Name.ShouldBe("AboutTea.TeaIsServedInCups");
    }

    [Test]
    public void KoanOptionRunsThatKoanAloneAndShowsItsVerdict()
    {
        _host = _ => _path.Run(passed: 1);
        Walk();
        _host = only => _path.RunOnly(only!, pass: false);
        var (exit, output) = Walk(koan: "aboutcoffee.coffeeisbitter");
        exit.ShouldBe(ExitCodes.KoansLeft);
        _meditations[^1].ShouldBe("AboutCoffee.CoffeeIsBitter");
        output.ShouldContain("AboutCoffee.CoffeeIsBitter has damaged your karma.");
        output.ShouldContain("Path 1/5", customMessage: "the koans passed in the last walk still count");
        output.ShouldContain("topic 2 of 2: 0/2");
    }

    [Test]
    public void KoanOptionOnATopicThatPassesSaysSo()
    {
        _host = only => _path.RunOnly(only!, pass: true);
        var (exit, output) = Walk(koan: "AboutTea");
        exit.ShouldBe(ExitCodes.Done);
        _meditations.ShouldBe(["AboutTea"]);
        output.ShouldBe("""
            All 3 koans of AboutTea pass.
            Walk without --koan to go on from the koan you are on.

            """);
    }

    [Test]
    public void KoanOptionWithAnUnknownNameListsTheNearestNamesAndExitsWithTwo()
    {
        var (exit, output) = Walk(koan: "AboutCofee.EspressoIsSmal");
        exit.ShouldBe(ExitCodes.Usage);
        _meditations.ShouldBeEmpty();
        output.ShouldBe("""
            There is no koan or topic named AboutCofee.EspressoIsSmal on the path.
            The nearest names:
              AboutCoffee.EspressoIsSmall
              AboutCoffee.CoffeeIsBitter
              AboutTea.WaterBoilsFirst

            """);
    }

    [Test]
    public void ANameCutShortListsTheNamesThatHoldItFirst()
    {
        Walk(koan: "Espresso").Output.ShouldContain("The nearest names:\n  AboutCoffee.EspressoIsSmall\n");
        Walk(koan: "AboutTea.Green").Output.ShouldContain("The nearest names:\n  AboutTea.GreenTeaSteepsBriefly\n  AboutTea.");
        _meditations.ShouldBeEmpty();
    }

    [Test]
    public void KoanOptionFindsAKoanByItsNameAlone()
    {
        _host = only => _path.RunOnly(only!, pass: true);
        Walk(koan: "EspressoIsSmall").Output.ShouldStartWith("AboutCoffee.EspressoIsSmall passes.");
    }

    [Test]
    public void ResetOfAnUnknownKoanListsTheNearestNamesAndExitsWithTwo()
    {
        var (exit, output) = Call(session => session.Reset("AboutTea.TeaIsServed"));
        exit.ShouldBe(ExitCodes.Usage);
        output.ShouldBe("""
            There is no koan or topic named AboutTea.TeaIsServed on the path.
            The nearest names:
              AboutTea.TeaIsServedInCups
              AboutTea.WaterBoilsFirst
              AboutTea.GreenTeaSteepsBriefly

            """);
    }

    [Test]
    public void ResetOfATopicAsksForOneKoan()
    {
        var (exit, output) = Call(session => session.Reset("AboutCoffee"));
        exit.ShouldBe(ExitCodes.Usage);
        output.ShouldBe("""
            reset puts back one koan at a time: name one of the koans of AboutCoffee, like
            AboutCoffee.CoffeeIsBitter.

            """);
    }

    [Test]
    public void ResetPutsBackOneKoanWithItsCommentAndKeepsTheOtherAnswers()
    {
        var file = _path.KoanFile("01_AboutTea.cs");
        Answer(file);
        File.WriteAllText(file, File.ReadAllText(file).Replace("// Tea is served in cups, and cups can be counted.", "// I think it is 2", StringComparison.Ordinal));
        var (exit, output) = Call(session => session.Reset("AboutTea.TeaIsServedInCups"));
        exit.ShouldBe(ExitCodes.Done);
        output.ShouldBe("""
            Reset AboutTea.TeaIsServedInCups at Koans/01_AboutTea.cs:7 to its original text,
            from PathToEnlightenment/OriginalKoans/01_AboutTea.cs.txt. Your other answers
            are as you left them.

            """);
        File.ReadAllText(file).ShouldBe(TeaPath.Lf(TeaPath.Tea).Replace("minutes.ShouldBe(__)", "minutes.ShouldBe(2)", StringComparison.Ordinal));
    }

    [Test]
    public void ResetOfAKoanAsItWasChangesNothing()
    {
        var (exit, output) = Call(session => session.Reset("AboutTea.GreenTeaSteepsBriefly"));
        exit.ShouldBe(ExitCodes.Done);
        output.ShouldBe("""
            AboutTea.GreenTeaSteepsBriefly at Koans/01_AboutTea.cs:24 already matches its
            original in PathToEnlightenment/OriginalKoans/01_AboutTea.cs.txt: nothing to
            reset.

            """);
    }

    [Test]
    public void ResetKeepsTheFilesLineEndings()
    {
        var file = _path.KoanFile("01_AboutTea.cs");
        Answer(file);
        File.WriteAllText(file, File.ReadAllText(file).ReplaceLineEndings("\r\n"));
        Call(session => session.Reset("AboutTea.TeaIsServedInCups")).Exit.ShouldBe(ExitCodes.Done);
        var text = File.ReadAllText(file);
        text.ShouldContain("cups.ShouldBe(__);\r\n");
        text.Replace("\r\n", string.Empty, StringComparison.Ordinal).ShouldNotContain("\n");
    }

    [Test]
    public void ResetWithoutItsOriginalIsOneSentenceAndExitCodeOne()
    {
        Answer(_path.KoanFile("01_AboutTea.cs"));
        File.Delete(_path.Original("01_AboutTea.cs"));
        var (exit, output) = Call(session => session.Reset("AboutTea.TeaIsServedInCups"));
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldBe("""
            Cannot reset AboutTea.TeaIsServedInCups:
            PathToEnlightenment/OriginalKoans/01_AboutTea.cs.txt, the original of
            Koans/01_AboutTea.cs, is missing; copy it back from a fresh download of the
            repository, or in a clone run `git checkout --
            PathToEnlightenment/OriginalKoans`.

            """);
        File.ReadAllText(_path.KoanFile("01_AboutTea.cs")).ShouldContain("cups.ShouldBe(2);");
    }

    [Test]
    public void ResetOfAKoanItsOriginalLacksChangesNothing()
    {
        File.WriteAllText(_path.Original("02_AboutCoffee.cs"), TeaPath.Lf(TeaPath.Coffee).Replace("EspressoIsSmall", "RistrettoIsSmaller", StringComparison.Ordinal));
        var file = _path.KoanFile("02_AboutCoffee.cs");
        File.WriteAllText(file, File.ReadAllText(file).Replace("millilitres.ShouldBe(__)", "millilitres.ShouldBe(30)", StringComparison.Ordinal));
        var (exit, output) = Call(session => session.Reset("AboutCoffee.EspressoIsSmall"));
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldBe("""
            Cannot reset AboutCoffee.EspressoIsSmall:
            PathToEnlightenment/OriginalKoans/02_AboutCoffee.cs.txt, the original of
            Koans/02_AboutCoffee.cs, has no koan AboutCoffee.EspressoIsSmall.

            """);
        File.ReadAllText(file).ShouldContain("millilitres.ShouldBe(30);");
    }

    [Test]
    public void APassWithoutItsOriginalSaysWhyNoAnswerIsShown()
    {
        Walk();
        File.Delete(_path.Original("01_AboutTea.cs"));
        _host = _ => _path.Run(passed: 1);
        var output = Walk().Output;
        output.ShouldStartWith("""
            You passed AboutTea.TeaIsServedInCups
              Tea is served in cups, and cups can be counted.
            (No answer is shown: PathToEnlightenment/OriginalKoans/01_AboutTea.cs.txt, the
            original of Koans/01_AboutTea.cs, is missing; copy it back from a fresh download
            of the repository, or in a clone run `git checkout --
            PathToEnlightenment/OriginalKoans`.)

            ── 01 AboutTea
            """);
    }

    [Test]
    public void TimelineRunsTheKoanOnceMoreAloneAndDrawsWhatItsThreadsDid()
    {
        _host = only => WithSteps(_path.RunOnly(only!, pass: true), "AboutTea.TeaIsServedInCups", why: null,
            new ThreadingKoans.Engine.TimelineStep("koan", "starts the kettle"), new ThreadingKoans.Engine.TimelineStep("kettle", "boils"), new ThreadingKoans.Engine.TimelineStep("koan", "pours"));
        var (exit, output) = Call(session => session.Timeline("AboutTea.TeaIsServedInCups"));
        exit.ShouldBe(ExitCodes.Done);
        _meditations.ShouldBe(["AboutTea.TeaIsServedInCups"]);
        output.ShouldBe("""
            AboutTea.TeaIsServedInCups passes; what its threads did, one lane each, left to
            right in the order they did it:
            koan   ─ starts the kettle ───────── pours ─
            kettle ───────────────────── boils ─────────

            """);
    }

    [Test]
    public void AKoanThatRecordedNoStepSaysSoInsteadOfDrawingAnEmptyTimeline()
    {
        _host = only => WithSteps(_path.RunOnly(only!, pass: true), "AboutTea.TeaIsServedInCups", why: null);
        var (exit, output) = Call(session => session.Timeline("AboutTea.TeaIsServedInCups"));
        exit.ShouldBe(ExitCodes.Done);
        OneLine(output).ShouldContain("AboutTea.TeaIsServedInCups passes without a step to draw");
        output.ShouldNotContain("fails at a blank");
    }

    [Test]
    public void AKoanThatFailsAtItsOwnValueBlankHasNoTimelineToShow()
    {
        _host = only => WithSteps(_path.RunOnly(only!, pass: false), "AboutTea.TeaIsServedInCups", ThreadingKoans.Engine.FailureKind.ValueBlank, new ThreadingKoans.Engine.TimelineStep("koan", "counts the cups"));
        var (exit, output) = Call(session => session.Timeline("AboutTea.TeaIsServedInCups"));
        exit.ShouldBe(ExitCodes.KoansLeft);
        OneLine(output).ShouldContain("AboutTea.TeaIsServedInCups fails at a blank of its own, or at a wrong answer");
        output.ShouldNotContain("counts the cups");
    }

    [Test]
    public void AKoanThatFailsAtAWaitShowsItsLastStepsInTheReport()
    {
        _host = _ => WithSteps(_path.Run(passed: 1), "AboutTea.WaterBoilsFirst", ThreadingKoans.Engine.FailureKind.Wait,
            new ThreadingKoans.Engine.TimelineStep("kettle", "starts", ThreadingKoans.Engine.StepMark.Starts),
            new ThreadingKoans.Engine.TimelineStep("koan", "gave up waiting for the kettle", ThreadingKoans.Engine.StepMark.Failure));
        var (_, output) = Walk();
        output.ShouldContain("""
            What its threads did:
            koan   ────────── gave up waiting for the kettle ◀ ─
            kettle ─ starts ────────────────────────────────────

            Meditate on Koans/01_AboutTea.cs:19
            """);
        output.ShouldContain("Stuck? dotnet run --project PathToEnlightenment -- hint, or -- timeline");
    }

    /// <summary><paramref name="run"/> with <paramref name="koan"/>'s result given these steps and this reason.</summary>
    private static HostRun WithSteps(HostRun run, string koan, ThreadingKoans.Engine.FailureKind? why, params ThreadingKoans.Engine.TimelineStep[] steps)
    {
        var id = run.Path.Single(info => info.FullName == koan).Id;
        var results = run.Results.ToDictionary(StringComparer.Ordinal);
        results[id] = results[id] with { Why = why, Steps = steps };
        return run with { Results = results };
    }

    /// <summary>Answers the first and third tea koans in <paramref name="file"/>.</summary>
    private static void Answer(string file) =>
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("cups.ShouldBe(__)", "cups.ShouldBe(2)", StringComparison.Ordinal)
            .Replace("minutes.ShouldBe(__)", "minutes.ShouldBe(2)", StringComparison.Ordinal));

    private (int Exit, string Output) Walk(string? koan = null) =>
        Call(session => koan is null ? session.Walk() : session.Koan(koan));

    private (int Exit, string Output) Hint() => Call(session => session.Hint());

    private (int Exit, string Output) List() => Call(session => session.List());

    private (int Exit, string Output) Call(Func<KoanSession, int> command)
    {
        var console = new TestConsole();
        var exit = command(new KoanSession(console, _path.Layout, Meditate, new OriginalKoans(_path.Layout.Root).Find, _clock));
        return (exit, Trimmed(console.Output));
    }

    private Meditation Meditate(RepoLayout layout, KoanSelection selection)
    {
        _meditations.Add(selection.Only ?? "the path");
        return new Meditation(_host(selection.Only), null);
    }

    private WalkState Stored()
    {
        var console = new TestConsole();
        var state = new StateStore(console, _path.Layout).Load();
        console.Output.ShouldBeEmpty();
        return state.ShouldNotBeNull();
    }

    /// <summary>Output as one line: the console wraps long sentences at its width.</summary>
    private static string OneLine(string output) => output.ReplaceLineEndings(" ");

    /// <summary>The output without the blanks Spectre pads some lines with, which are invisible.</summary>
    internal static string Trimmed(string output) =>
        string.Join('\n', output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd(' ')));
}
