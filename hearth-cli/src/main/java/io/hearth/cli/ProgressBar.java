package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.api.batch.BatchState;
import io.hearth.api.statement.Progress;
import io.hearth.api.statement.StatementStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * One line on stderr that shows how work (a statement or a batch; a job alike) is getting on: a bar
 * from {@code status.progress} (Spark tasks and stages) while it runs on an engine, else a spinner
 * with its state, with the elapsed time. A
 * thread redraws it so it moves while a request waits; {@link #close()} stops it and clears the
 * line. A disabled bar draws nothing.
 */
final class ProgressBar implements AutoCloseable {
    private static final int BAR_WIDTH = 30;
    private static final String SPINNER = "|/-\\";
    private static final long REDRAW_MILLIS = 200;

    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private final Thread redraw;
    private volatile Snapshot latest;
    private int lastLength;
    private boolean closed;
    private int frame;

    private ProgressBar(PrintStream err, boolean enabled) {
        this.err = requireNonNull(err, "err is null");
        if (enabled) {
            redraw = new Thread(this::redrawUntilClosed, "hearth-progress");
            redraw.setDaemon(true);
            redraw.start();
        } else {
            redraw = null;
        }
    }

    static ProgressBar start(PrintStream err, boolean enabled) {
        return new ProgressBar(err, enabled);
    }

    /** Shows a statement (or a job) as it now is. */
    void update(String id, StatementStatus status) {
        show(new Snapshot(id, status.state().name(), status.progress()));
    }

    /** Shows a batch as it now is: its state (batches report no Spark progress). */
    void update(String id, BatchState state) {
        show(new Snapshot(id, state.name(), null));
    }

    private void show(Snapshot snapshot) {
        latest = snapshot;
        if (redraw != null) {
            draw();
        }
    }

    private void redrawUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                draw();
                Thread.sleep(REDRAW_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        Snapshot snapshot = latest;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        char spinner = SPINNER.charAt(frame++ % 4);
        String line = snapshot == null
                ? render(null, null, null, elapsed, spinner)
                : render(snapshot.id(), snapshot.state(), snapshot.progress(), elapsed, spinner);
        // pad over the previous line's tail; no ANSI codes, so any terminal shows it
        StringBuilder text = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < lastLength; i++) {
            text.append(' ');
        }
        lastLength = line.length();
        err.print(text);
        err.flush();
    }

    /** The line for work of this id and status (both null before the first answer), after {@code elapsed}. */
    static String render(String id, StatementStatus status, Duration elapsed, char spinner) {
        return status == null
                ? render(id, null, null, elapsed, spinner)
                : render(id, status.state().name(), status.progress(), elapsed, spinner);
    }

    /** The line for work of this id, state and progress (state null before the first answer). */
    static String render(String id, String state, Progress progress, Duration elapsed, char spinner) {
        String time = String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
        if (state == null) {
            return spinner + " waiting " + time;
        }
        if (progress == null || progress.tasksTotal() <= 0) {
            String message = progress != null && progress.message() != null ? " " + progress.message() : "";
            return spinner + " " + state + " " + time + " " + id + message;
        }
        long done = Math.min(progress.tasksCompleted(), progress.tasksTotal());
        int filled = (int) (BAR_WIDTH * done / progress.tasksTotal());
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        String message = progress.message() == null ? "" : " " + progress.message();
        return String.format(
                Locale.ROOT,
                "%s %3d%% %d/%d tasks, stage %d/%d %s %s%s",
                bar,
                100 * done / progress.tasksTotal(),
                done,
                progress.tasksTotal(),
                Math.min(progress.stagesCompleted() + 1, Math.max(progress.stagesTotal(), 1)),
                progress.stagesTotal(),
                state,
                time,
                message);
    }

    /** Stops redrawing and clears the line. */
    @Override
    public void close() {
        if (redraw == null) {
            return;
        }
        redraw.interrupt();
        try {
            redraw.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }

    /** What the bar shows: one value, so a redraw never mixes two answers. */
    private record Snapshot(String id, String state, Progress progress) {}
}
