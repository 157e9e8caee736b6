namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutCrawlingTheWebWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutCrawlingTheWeb.OneSharedClientKeepsOneConnectionForTheWholeCrawl", "one HttpClient per page in the crawl that should share one",
            Find: "using var shared = new HttpClient();\n        foreach (var path in FourPages)\n        {\n",
            Replace: "foreach (var path in FourPages)\n        {\n            using var shared = new HttpClient();\n",
            Symptom: "one client for all four pages the site saw 4 connections"),
        new("AboutCrawlingTheWeb.OnlyOneOfTwoWorkersThatFindAPageAtOnceFetchesIt", "checks the visited set, then adds to it: not one atomic claim",
            Find: "mine = visited.TryAdd(about, true);\n            Bounded.SignalAndWait(bothLooked, \"the other worker to look at the visited set too\");",
            Replace: "mine = !visited.ContainsKey(about);\n            Bounded.SignalAndWait(bothLooked, \"the other worker to look at the visited set too\");\n            visited[about] = true;",
            Symptom: "asked for it 2 times"),
        new("AboutCrawlingTheWeb.AnEmptyQueueWhileAPageIsInFlightIsNotTheEnd", "calls the crawl done once the queue is empty, with a fetch still in flight",
            Find: "var done = pool.WaitForIdle(TimeSpan.Zero);", Replace: "var done = pool.QueueLength == 0;",
            Symptom: "1 fetch was in flight"),
        new("AboutCrawlingTheWeb.AHeldPageGivesUpOnItsOwnTimeoutAndTheCrawlGoesOn", "no timeout on the page: a held page is waited for for ever",
            Find: "page.CancelAfter(TimeSpan.FromMilliseconds(100));", Replace: "",
            Symptom: "held page /about to give up"),
        new("AboutCrawlingTheWeb.AHeldPageGivesUpOnItsOwnTimeoutAndTheCrawlGoesOn", "puts the timeout on the whole crawl instead of the page",
            Find: "page.CancelAfter(TimeSpan.FromMilliseconds(100));", Replace: "crawl.CancelAfter(TimeSpan.FromMilliseconds(100));",
            Symptom: "the whole crawl was canceled"),
        new("AboutCrawlingTheWeb.OnlyABusyAnswerIsRetriedAndEachRetryWaitsLonger", "retries every answer that is not a success, a 404 too",
            Find: "again = response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 4;", Replace: "again = !response.IsSuccessStatusCode && attempt < 4;",
            Symptom: "(404), was asked for 4 times"),
        new("AboutCrawlingTheWeb.AStoppedCrawlHandsBackEveryPageItDidNotFetch", "drops the page whose fetch was canceled",
            Find: "frontier.Enqueue(page);\n                    return;", Replace: "return;",
            Symptom: "a page was lost"),
        new("AboutCrawlingTheWeb.APoliteCrawlerNeverHasMoreThanTwoRequestsAtTheSite", "waits for a turn only after the request went out",
            Find: "await turns.WaitAsync();\n            try\n            {\n                Interlocked.Increment(ref sent);\n                using var response = await client.GetAsync(Site.Page(path));",
            Replace: "try\n            {\n                Interlocked.Increment(ref sent);\n                var response = client.GetAsync(Site.Page(path));\n                await turns.WaitAsync();\n                (await response).Dispose();",
            Symptom: "3 requests went out at once"),
    ];
}
