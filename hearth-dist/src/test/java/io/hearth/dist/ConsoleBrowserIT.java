package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console at /ui in a real browser (Debian's chromium, driven by Playwright) against a gateway
 * with one real engine JVM and HTTP Basic sign-in: alice signs in through the form, runs a query and
 * scrolls its result over chunks, cancels a long one, uploads the examples jar with the page's file
 * picker, registers functions and runs them from their generated forms, opens a session and runs two
 * statements in it that share a temp view, changes a context through its form, reads the gateway's
 * pool counts and stops her engine; bob
 * signs in and sees none of her statements. With {@code -Dhearth.ui.screenshots=<dir>} it writes the
 * screenshots of docs/images/ui-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final Path EXAMPLES_JAR =
            Path.of(System.getProperty("hearth.examples.jar", "../examples/target/hearth-examples-0.1.0-SNAPSHOT.jar"));
    private static final Path CHROMIUM = Path.of(System.getProperty("hearth.chromium", "/usr/bin/chromium"));
    /** axe-core, the accessibility rules engine, from the console's own npm dev dependencies. */
    private static final Path AXE =
            Path.of(System.getProperty("hearth.axe", "../hearth-ui/node_modules/axe-core/axe.min.js"));
    /** WCAG 2.1 A and AA: labels, names, roles, contrast, landmarks, keyboard. */
    private static final String AXE_RUN = "async () => (await axe.run(document, {runOnly: {type: 'tag', values:"
            + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations"
            + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))";

    private static final Optional<Path> SCREENSHOTS = Optional.of(System.getProperty("hearth.ui.screenshots", ""))
            .filter(directory -> !directory.isBlank())
            .map(Path::of);
    private static final PageAssertions.HasURLOptions SESSION_WAIT =
            new PageAssertions.HasURLOptions().setTimeout(90_000);
    private static final LocatorAssertions.HasTextOptions ENGINE_WAIT =
            new LocatorAssertions.HasTextOptions().setTimeout(90_000);

    @TempDir
    static Path dataDirectory;

    private TestingHearth hearth;
    private Playwright playwright;
    private Browser browser;
    private Page page;
    private final List<String> chunkRequests = new CopyOnWriteArrayList<>();
    private final List<String> eventStreams = new CopyOnWriteArrayList<>();
    private String aliceStatement;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("ConsoleBrowserIT needs a Chromium at " + CHROMIUM + ": install Debian's (`apt-get install -y"
                    + " chromium`) or name another with -Dhearth.chromium=<path>");
        }
        Path users = TestingUsers.users()
                .add("alice", "alice-password")
                .add("bob", "bob-password")
                .writeTo(dataDirectory.resolve("users"));
        Map<String, String> settings = new LinkedHashMap<>(TestingUsers.basicAuth(users, "root"));
        settings.put("result.chunk-max-rows", "50");
        hearth = TestingHearth.startWithRealEngines(dataDirectory.resolve("data"), RealEngineIT.DISTRIBUTION, settings);

        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-dev-shm-usage")));
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        page = signIn("alice", "alice-password");
    }

    @AfterAll
    void stop() {
        if (playwright != null) {
            playwright.close();
        }
        if (hearth != null) {
            hearth.close();
        }
    }

    private Page signIn(String user, String password) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        Page signedIn = context.newPage();
        signedIn.setDefaultTimeout(20_000);
        signedIn.onRequest(request -> {
            if (request.url().contains("/result/chunks/")) {
                chunkRequests.add(request.url());
            }
            if (request.url().contains("/events")) {
                eventStreams.add(request.url());
            }
        });
        signedIn.navigate(hearth.uri("/").toString());
        PlaywrightAssertions.assertThat(
                        signedIn.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Hearth")))
                .isVisible();
        // the second load, as a user's running browser would see it (the first pays for the browser's own
        // start-up); timed by the browser's own clock from the start of the navigation, no harness latency
        signedIn.reload();
        PlaywrightAssertions.assertThat(
                        signedIn.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Hearth")))
                .isVisible();
        double firstPaint = ((Number)
                        signedIn.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime"))
                .doubleValue();
        double formShown = ((Number) signedIn.evaluate("() => performance.now()")).doubleValue();
        System.out.printf(
                "ConsoleBrowserIT: first contentful paint %.0f ms, sign-in form by %.0f ms%n", firstPaint, formShown);
        assertThat(firstPaint).as("first paint within a second").isLessThan(1000);
        assertThat(signedIn.url()).endsWith("/ui/");
        assertAccessible(signedIn, "the sign-in form");
        signedIn.getByLabel("User", new Page.GetByLabelOptions().setExact(true)).fill(user);
        signedIn.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
                .fill("wrong");
        signedIn.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        PlaywrightAssertions.assertThat(signedIn.getByRole(AriaRole.ALERT))
                .hasText("Those credentials were not accepted.");
        signedIn.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
                .fill(password);
        signedIn.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        PlaywrightAssertions.assertThat(signedIn.getByTestId("user")).hasText(user);
        return signedIn;
    }

    private void nav(String label) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(label).setExact(true))
                .click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .isVisible();
    }

    /** No WCAG 2.1 A/AA violation axe-core can find on the page as it is now. */
    private static void assertAccessible(Page page, String what) {
        page.addScriptTag(new Page.AddScriptTagOptions().setPath(AXE));
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) page.evaluate(AXE_RUN);
        assertThat(violations).as("axe-core on " + what).isEmpty();
    }

    private void screenshot(String name) {
        SCREENSHOTS.ifPresent(directory -> page.screenshot(new Page.ScreenshotOptions()
                .setPath(directory.resolve("ui-" + name + ".png"))
                .setFullPage(false)));
    }

    private void runSql(String sql) {
        page.getByLabel("Statement", new Page.GetByLabelOptions().setExact(true))
                .fill(sql);
        page.getByLabel("Statement", new Page.GetByLabelOptions().setExact(true))
                .press("Control+Enter");
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/ui/statements/[0-9a-f-]+$"));
    }

    private Locator runState() {
        return page.locator(".run .status .badge");
    }

    @Test
    @Order(1)
    void runsAQueryAndScrollsItsResultOverChunks() throws Exception {
        nav("SQL editor");
        // 20 partitions: Spark's Arrow batches, and so the result's chunks, are per partition
        runSql("select id, id * id as square, concat('row ', id) as label from range(0, 1000, 1, 20)");
        PlaywrightAssertions.assertThat(runState()).hasText("SUCCEEDED", ENGINE_WAIT);
        aliceStatement = page.url().substring(page.url().lastIndexOf('/') + 1);

        Locator table = page.locator("table.grid");
        PlaywrightAssertions.assertThat(table.locator("thead th"))
                .hasText(new String[] {"#", "id BIGINT", "square BIGINT", "label STRING"});
        PlaywrightAssertions.assertThat(table.locator("tr[aria-rowindex='2'] td"))
                .hasText(new String[] {"0", "0", "row 0"});
        PlaywrightAssertions.assertThat(page.getByText("Rows 1–14 of 1000")).isVisible();
        JsonNode manifest = json(hearth.as("alice", "alice-password")
                        .get("/v1/statements/" + aliceStatement)
                        .body())
                .get("manifest");
        int chunks = manifest.get("total_chunk_count").asInt();
        assertThat(chunks).as("1000 rows in 20 partitions, at most 50 a chunk").isGreaterThanOrEqualTo(20);
        screenshot("editor");

        page.locator(".table-viewport").evaluate("viewport => viewport.scrollTop = viewport.scrollHeight");
        PlaywrightAssertions.assertThat(table.locator("tr[aria-rowindex='1001'] td"))
                .hasText(new String[] {"999", "998001", "row 999"});
        PlaywrightAssertions.assertThat(page.locator(".result-bar p"))
                .containsText(Pattern.compile("Rows 98\\d–1000 of 1000"));
        assertThat(eventStreams)
                .as("live state from the statement's event stream, lists from the caller's")
                .anyMatch(url -> url.endsWith("/v1/statements/" + aliceStatement + "/events"))
                .anyMatch(url -> url.contains("/v1/events"));

        Download csv = page.waitForDownload(
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download"))
                        .click());
        assertThat(csv.suggestedFilename()).isEqualTo("statement-" + aliceStatement.substring(0, 8) + "-chunk0.csv");
        assertThat(Files.readString(csv.path())).startsWith("id,square,label\r\n0,0,row 0\r\n1,1,row 1\r\n");

        String lastChunk = "/result/chunks/" + (chunks - 1) + "?";
        assertThat(chunkRequests).anyMatch(url -> url.contains(lastChunk));
        assertThat(chunkRequests.stream().distinct().count())
                .as("only the chunks in view are fetched, never the whole result: %s", chunkRequests)
                .isLessThan(chunks / 2);
    }

    @Test
    @Order(2)
    void cancelsALongQuery() {
        nav("SQL editor");
        runSql("select reflect('java.lang.Thread', 'sleep', cast(500 as bigint)) from range(0, 400, 1, 2)");
        PlaywrightAssertions.assertThat(runState()).hasText("RUNNING", ENGINE_WAIT);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel"))
                .click();
        PlaywrightAssertions.assertThat(runState()).hasText("CANCELED");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel")))
                .isDisabled();
    }

    @Test
    @Order(3)
    void uploadsAnArtifactAndRunsFunctionsFromTheirForms() throws Exception {
        nav("Artifacts");
        // dropped on the drop zone, as a user drags a file from their desktop
        JSHandle dropped = page.evaluateHandle(
                "([base64, name]) => { const transfer = new DataTransfer();"
                        + " const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));"
                        + " transfer.items.add(new File([bytes], name, {type: 'application/java-archive'}));"
                        + " return transfer; }",
                List.of(Base64.getEncoder().encodeToString(Files.readAllBytes(EXAMPLES_JAR)), "dropped.jar"));
        page.locator(".dropzone").dispatchEvent("drop", Map.of("dataTransfer", dropped));
        PlaywrightAssertions.assertThat(page.getByText(Pattern.compile("Uploaded dropped\\.jar as ")))
                .isVisible();
        // and chosen with the file picker
        page.getByLabel("Upload artifacts").setInputFiles(EXAMPLES_JAR);
        PlaywrightAssertions.assertThat(page.getByText(Pattern.compile("Uploaded hearth-examples-.*\\.jar as ")))
                .isVisible();
        PlaywrightAssertions.assertThat(page.locator("table.list tbody tr")).hasCount(2);
        JsonNode artifacts =
                json(hearth.as("alice", "alice-password").get("/v1/artifacts").body());
        assertThat(artifacts.get("artifacts").findValuesAsText("sha256"))
                .as("the same bytes both ways")
                .hasSize(2)
                .containsOnly(artifacts.at("/artifacts/0/sha256").asText());

        register("aggregate", "io.hearth.examples.AggregateJob");
        page.getByLabel("Rows", new Page.GetByLabelOptions().setExact(true)).fill("1000");
        page.getByLabel("Buckets", new Page.GetByLabelOptions().setExact(true)).fill("4");
        page.getByLabel("Function", new Page.GetByLabelOptions().setExact(true)).selectOption("SUM");
        screenshot("function");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run job"))
                .click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/ui/jobs/[0-9a-f-]+$"));
        PlaywrightAssertions.assertThat(page.locator(".status .badge")).hasText("SUCCEEDED", ENGINE_WAIT);
        PlaywrightAssertions.assertThat(page.locator("table.grid tr[aria-rowindex='2'] td"))
                .hasText(new String[] {"0", "124500"});

        register("pi", "io.hearth.examples.PiJob");
        page.getByLabel("Samples", new Page.GetByLabelOptions().setExact(true)).fill("200000");
        page.getByLabel("Samples per round", new Page.GetByLabelOptions().setExact(true))
                .fill("100000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run job"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".status .badge")).hasText("SUCCEEDED", ENGINE_WAIT);
        PlaywrightAssertions.assertThat(page.getByTestId("job-value")).containsText("\"samples\": 200000");
        PlaywrightAssertions.assertThat(page.getByTestId("job-value")).containsText("\"pi\": 3.");
        PlaywrightAssertions.assertThat(page.getByLabel("Job log")).containsText("estimating pi from 200000 samples");
    }

    private void register(String name, String className) {
        nav("Functions");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Artifact", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setIndex(1));
        page.getByLabel("Class", new Page.GetByLabelOptions().setExact(true)).fill(className);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                .click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Function " + name);
    }

    @Test
    @Order(4)
    void listsStatementsAndShowsNoUserAnothersWork() {
        nav("Statements");
        PlaywrightAssertions.assertThat(page.locator("table.list tbody tr")).hasCount(2);
        PlaywrightAssertions.assertThat(page.locator("table.list")).containsText("from range(0, 1000, 1, 20)");
        page.getByLabel("State", new Page.GetByLabelOptions().setExact(true)).selectOption("CANCELED");
        PlaywrightAssertions.assertThat(page.locator("table.list tbody tr")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("table.list")).containsText("reflect(");
        page.getByLabel("State", new Page.GetByLabelOptions().setExact(true)).selectOption("");
        PlaywrightAssertions.assertThat(page.locator("table.list tbody tr")).hasCount(2);
        screenshot("statements");

        Page bob = signIn("bob", "bob-password");
        bob.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Statements").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(bob.getByText("No statements.")).isVisible();
        PlaywrightAssertions.assertThat(bob.locator("main")).not().containsText("range(0, 1000");
        bob.navigate(hearth.uri("/ui/statements/" + aliceStatement).toString());
        PlaywrightAssertions.assertThat(bob.getByTestId("user")).hasText("bob");
        PlaywrightAssertions.assertThat(bob.locator(".editor [role=alert]")).containsText("does not exist");
        PlaywrightAssertions.assertThat(bob.locator("table.grid")).hasCount(0);
        bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        PlaywrightAssertions.assertThat(
                        bob.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Hearth")))
                .isVisible();
        assertThat(bob.evaluate("() => sessionStorage.getItem('hearth.authorization')"))
                .as("signing out forgets the credentials")
                .isNull();
        bob.context().close();
    }

    @Test
    @Order(5)
    void opensASessionRunsTwoStatementsThatShareItsStateAndClosesIt() {
        nav("Sessions");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open a session"))
                .click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/ui/sessions/[0-9a-f-]+$"), SESSION_WAIT);
        String session = page.url().substring(page.url().lastIndexOf('/') + 1);
        Locator facts = page.getByTestId("session-facts");
        PlaywrightAssertions.assertThat(facts).containsText("OPEN");
        Locator sql = page.getByLabel("Run in this session");
        Locator run = page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run").setExact(true));

        // a temp view lives in the session's SparkSession: the second statement reads it
        sql.fill("create temporary view sevens as select id, id * 7 as seven from range(5)");
        run.click();
        PlaywrightAssertions.assertThat(runState()).hasText("SUCCEEDED", ENGINE_WAIT);
        String first = page.locator(".run a code").innerText();
        sql.fill("select sum(seven) as total from sevens");
        sql.press("Control+Enter");
        PlaywrightAssertions.assertThat(page.locator(".run a code")).not().hasText(first);
        PlaywrightAssertions.assertThat(runState()).hasText("SUCCEEDED", ENGINE_WAIT);
        PlaywrightAssertions.assertThat(page.locator("table.grid tr[aria-rowindex='2'] td"))
                .hasText(new String[] {"70"});
        PlaywrightAssertions.assertThat(page.locator("table.list tbody tr")).hasCount(2);
        PlaywrightAssertions.assertThat(page.locator("table.list")).containsText("create temporary view sevens");
        screenshot("session");
        JsonNode stored = json(hearth.as("alice", "alice-password")
                .get("/v1/sessions/" + session)
                .body());
        assertThat(stored.get("statement_count").asInt()).isEqualTo(2);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close session"))
                .click();
        PlaywrightAssertions.assertThat(facts).containsText("CLOSED");
        PlaywrightAssertions.assertThat(facts).containsText("(REQUESTED)");
        PlaywrightAssertions.assertThat(sql).hasCount(0);
        assertThat(json(hearth.as("alice", "alice-password")
                                .get("/v1/sessions/" + session)
                                .body())
                        .get("state")
                        .asText())
                .isEqualTo("CLOSED");
    }

    @Test
    @Order(6)
    void changesAContextThroughItsFormShowingTheFieldsProblemAndDeletesIt() {
        TestingHearth alice = hearth.as("alice", "alice-password");
        assertThat(alice.post("/v1/contexts", "{\"name\": \"small\", \"acl\": {\"manage\": [\"alice\"]}}")
                        .statusCode())
                .isEqualTo(201);
        nav("Contexts");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("small").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Context small");
        Locator idleTimeout = page.getByLabel("Idle timeout", new Page.GetByLabelOptions().setExact(true));
        idleTimeout.fill("soon");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        PlaywrightAssertions.assertThat(page.getByTestId("error-idle_timeout")).containsText("idle_timeout");
        PlaywrightAssertions.assertThat(idleTimeout).hasAttribute("aria-invalid", "true");

        idleTimeout.fill("5m");
        page.getByLabel("Spark conf", new Page.GetByLabelOptions().setExact(true))
                .fill("spark.sql.shuffle.partitions=3");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved.");
        PlaywrightAssertions.assertThat(page.getByTestId("context-facts")).containsText("300s");
        JsonNode stored = json(alice.get("/v1/contexts/small").body());
        assertThat(stored.get("idle_timeout").asText()).isEqualTo("300s");
        assertThat(stored.at("/spark_conf/spark.sql.shuffle.partitions").asText())
                .isEqualTo("3");
        assertThat(stored.at("/acl/manage/0").asText()).as("the ACL kept").isEqualTo("alice");
        assertThat(stored.get("inherited"))
                .as("the fields the form did not change still follow the gateway's defaults")
                .extracting(JsonNode::asText)
                .contains("master", "driver_memory", "max_engines", "start_timeout")
                .doesNotContain("idle_timeout");

        page.onceDialog(dialog -> dialog.accept());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete context"))
                .click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/ui/contexts$"));
        PlaywrightAssertions.assertThat(page.locator("table.list")).not().containsText("small");
        assertThat(alice.get("/v1/contexts/small").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void everyPageOpensWithoutAnError() {
        for (String page : List.of(
                "Sessions",
                "Jobs",
                "Batches",
                "Contexts",
                "Charts",
                "Functions",
                "Artifacts",
                "Statements",
                "Engines")) {
            nav(page);
            PlaywrightAssertions.assertThat(
                            this.page.locator("main table, main p.muted").first())
                    .isVisible();
            PlaywrightAssertions.assertThat(this.page.locator("main [role=alert]"))
                    .hasCount(0);
            assertAccessible(this.page, "the " + page + " page");
        }
        nav("SQL editor");
        assertAccessible(page, "the SQL editor");
        // the examples jar, uploaded twice: by drag and drop and with the file picker
        nav("Artifacts");
        PlaywrightAssertions.assertThat(page.locator("table.list tbody tr")).hasCount(2);
        nav("Jobs");
        PlaywrightAssertions.assertThat(page.locator("table.list tbody tr")).hasCount(2);
        nav("Contexts");
        PlaywrightAssertions.assertThat(page.locator("table.list")).containsText("default");
        nav("Charts");
        PlaywrightAssertions.assertThat(page.locator("figure.chart")).hasCount(3);
        PlaywrightAssertions.assertThat(page.locator("figure.chart").nth(1)).containsText("median");
        // the 1000 rows of the first query and the one of the session's sum (its create view has none)
        PlaywrightAssertions.assertThat(page.locator("figure.chart").nth(2)).containsText("1001 rows");
    }

    @Test
    @Order(8)
    void showsTheGatewaysPoolAndStopsAnEngineFromTheEnginesPage() {
        nav("Engines");
        // the gateway's counts from GET /v1/pool: alice's engine, idle, nothing waiting
        PlaywrightAssertions.assertThat(page.getByTestId("pool-live"))
                .hasText("1 of at most 8 (0 starting, 1 idle, 0 busy)");
        PlaywrightAssertions.assertThat(page.getByTestId("pool-queue")).hasText("0");
        PlaywrightAssertions.assertThat(page.getByTestId("pool-admitted")).hasText("0 of at most 256");
        PlaywrightAssertions.assertThat(page.locator("figure.chart"))
                .containsText(Pattern.compile("now 1 live engines, 0 busy, 0 requests waiting for an engine"));
        Locator row = page.locator("table.list tbody tr", new Page.LocatorOptions().setHasText("IDLE"));
        PlaywrightAssertions.assertThat(row).hasCount(1);
        String engine = row.locator("td").first().innerText().trim();
        PlaywrightAssertions.assertThat(row).containsText("alice");
        screenshot("engines");

        page.onceDialog(dialog -> dialog.accept());
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop " + engine))
                .click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.STATUS)).hasText("Stopped " + engine + ".");
        JsonNode stopped = json(hearth.as("alice", "alice-password")
                .get("/v1/engines/" + engine)
                .body());
        assertThat(stopped.get("state").asText()).isIn("STOPPING", "STOPPED");
        PlaywrightAssertions.assertThat(
                        page.locator("table.list tbody tr", new Page.LocatorOptions().setHasText(engine)))
                .not()
                .containsText("IDLE");
    }
}
