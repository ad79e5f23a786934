package io.hearth.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How fast the web console appears (--scenario console), in Debian's Chromium driven by Playwright,
 * against the other page the gateway serves from its jar, the Swagger UI API reference, as the
 * baseline: a mainstream, bundled single-page app. Each run opens a new browser context (an empty
 * cache: a first visit), loads the page until it shows what it is for (the console: the SQL editor,
 * after {@code GET /v1/me}; the reference: its operations, after {@code GET /openapi.json}), then
 * reloads it (a return visit: hashed assets come from the cache). Times are the browser's own clock
 * from the start of the navigation. Also what a Prometheus scrape of {@code /metrics} costs beside
 * {@code GET /health/live}. A gateway from the distribution in development mode; no engine starts.
 */
final class ConsoleBenchmark {
    private static final Path CHROMIUM = Path.of(System.getProperty("hearth.chromium", "/usr/bin/chromium"));
    private static final String CONSOLE_READY = "#sql";
    private static final String REFERENCE_READY = ".opblock";
    private static final String FIRST_PAINT =
            "() => performance.getEntriesByName('first-contentful-paint')[0].startTime";
    private static final String TRANSFERRED = "() => performance.getEntriesByType('navigation')"
            + ".concat(performance.getEntriesByType('resource')).reduce((sum, e) => sum + e.transferSize, 0)";

    private final BenchOptions options;
    private final ResultTable table;
    private final HttpClient http = HttpClient.newHttpClient();

    ConsoleBenchmark(BenchOptions options, ResultTable table) {
        this.options = options;
        this.table = table;
    }

    /** One page's figures over the runs. */
    private record PageFigures(
            Samples coldPaint, Samples coldReady, Samples warmPaint, Samples warmReady, double kib) {}

    void run(Path work, Map<String, String> environment) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("--scenario console needs Chromium at " + CHROMIUM
                    + " (apt-get install -y chromium, or -Dhearth.chromium=<path> in BENCH_JAVA_OPTS)");
        }
        int runs = Math.max(5, options.latencyRuns() / 5);
        PageFigures console;
        PageFigures reference;
        Samples scrape = new Samples();
        Samples live = new Samples();
        long scrapeBytes;
        try (Gateway gateway = Gateway.start(
                        options.distribution(),
                        work.resolve("gateway-console"),
                        environment,
                        work.resolve("gateway-console.log"));
                Playwright playwright = Playwright.create(
                        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true)
                                .setArgs(List.of(
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-background-networking",
                                        "--disable-dev-shm-usage")))) {
            URI uri = gateway.uri();
            HearthBench.progress("console: warm-ups (the browser's and the gateway's first pages)");
            for (int i = 0; i < 3; i++) {
                load(browser, uri.resolve("/ui/"), CONSOLE_READY);
                load(browser, uri.resolve("/api-docs/"), REFERENCE_READY);
            }
            HearthBench.progress("console: " + runs + " first visits and reloads of each page, in turns");
            console = new PageFigures(new Samples(), new Samples(), new Samples(), new Samples(), 0);
            reference = new PageFigures(new Samples(), new Samples(), new Samples(), new Samples(), 0);
            double consoleBytes = 0;
            double referenceBytes = 0;
            for (int i = 0; i < runs; i++) {
                consoleBytes = measure(browser, uri.resolve("/ui/"), CONSOLE_READY, console);
                referenceBytes = measure(browser, uri.resolve("/api-docs/"), REFERENCE_READY, reference);
            }
            console = withKib(console, consoleBytes);
            reference = withKib(reference, referenceBytes);

            HearthBench.progress("console: GET /metrics and GET /health/live, " + options.latencyRuns() * 4 + " each");
            scrapeBytes = 0;
            for (int i = 0; i < options.latencyWarmups() * 2; i++) {
                get(uri.resolve("/metrics"));
                get(uri.resolve("/health/live"));
            }
            for (int i = 0; i < options.latencyRuns() * 4; i++) {
                long start = System.nanoTime();
                scrapeBytes = get(uri.resolve("/metrics"));
                scrape.add(System.nanoTime() - start);
                start = System.nanoTime();
                get(uri.resolve("/health/live"));
                live.add(System.nanoTime() - start);
            }
        }
        String visits = "median of " + runs + "; Chromium " + "headless, browser clock from navigation start";
        row(
                "console /ui/ vs Swagger UI /api-docs/, first visit (empty cache): first contentful paint, " + visits,
                console.coldPaint(),
                reference.coldPaint());
        row(
                "the same, first visit: until the page shows what it is for (editor after /v1/me; operations after"
                        + " /openapi.json)",
                console.coldReady(),
                reference.coldReady());
        row(
                "the same, return visit (reload, assets cached): first contentful paint",
                console.warmPaint(),
                reference.warmPaint());
        row("the same, return visit: until the page shows what it is for", console.warmReady(), reference.warmReady());
        table.compare(
                "bytes a first visit transfers (page, scripts, styles, API answers), console vs Swagger UI",
                ResultTable.format(console.kib(), 1) + " KiB",
                console.kib(),
                ResultTable.format(reference.kib(), 1) + " KiB",
                reference.kib(),
                Double.NaN);
        row(
                "GET /metrics (a Prometheus scrape, " + ResultTable.format(scrapeBytes / 1024.0, 1)
                        + " KiB) vs GET /health/live, median of " + options.latencyRuns() * 4,
                scrape,
                live);
        table.detail(String.format(
                "console: p90 first visit until ready %s (console) vs %s (Swagger UI); p90 scrape %s",
                ResultTable.millis(console.coldReady().p90Millis()),
                ResultTable.millis(reference.coldReady().p90Millis()),
                ResultTable.millis(scrape.p90Millis())));
    }

    private void row(String measure, Samples hearth, Samples baseline) {
        table.compare(
                measure,
                ResultTable.millis(hearth.medianMillis()),
                hearth.medianMillis(),
                ResultTable.millis(baseline.medianMillis()),
                baseline.medianMillis(),
                Double.NaN);
    }

    private static PageFigures withKib(PageFigures figures, double bytes) {
        return new PageFigures(
                figures.coldPaint(), figures.coldReady(), figures.warmPaint(), figures.warmReady(), bytes / 1024);
    }

    /** A first visit and a reload in a new context; returns the bytes the first visit transferred. */
    private static double measure(Browser browser, URI url, String ready, PageFigures into) {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url.toString());
            page.waitForSelector(ready);
            into.coldReady().add(millisToNanos(number(page, "() => performance.now()")));
            into.coldPaint().add(millisToNanos(firstPaint(page)));
            double bytes = number(page, TRANSFERRED);
            page.reload();
            page.waitForSelector(ready);
            into.warmReady().add(millisToNanos(number(page, "() => performance.now()")));
            into.warmPaint().add(millisToNanos(firstPaint(page)));
            return bytes;
        }
    }

    private static void load(Browser browser, URI url, String ready) {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url.toString());
            page.waitForSelector(ready);
        }
    }

    private static double firstPaint(Page page) {
        page.waitForFunction("() => performance.getEntriesByName('first-contentful-paint').length > 0");
        return number(page, FIRST_PAINT);
    }

    private static double number(Page page, String expression) {
        return ((Number) page.evaluate(expression)).doubleValue();
    }

    private static long millisToNanos(double millis) {
        return Math.round(millis * 1_000_000);
    }

    private long get(URI uri) throws Exception {
        HttpResponse<byte[]> response =
                http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return response.body().length;
    }
}
