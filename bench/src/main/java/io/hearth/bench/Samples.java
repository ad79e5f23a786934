package io.hearth.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of repeated runs, in nanoseconds, summarised as median and percentiles. */
final class Samples {
    private final List<Long> nanos = new ArrayList<>();

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    void addAll(Samples other) {
        nanos.addAll(other.nanos);
    }

    /** Every duration in milliseconds, in the order measured. */
    List<Double> millis() {
        return nanos.stream().map(value -> value / 1e6).toList();
    }

    int count() {
        return nanos.size();
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    double p90Millis() {
        return percentileMillis(90);
    }

    double minMillis() {
        return percentileMillis(0);
    }

    /** Nearest-rank percentile. */
    double percentileMillis(int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        int index = Math.max(0, Math.min(sorted.size() - 1, rank - 1));
        if (percentile == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0 / 1e6;
        }
        return sorted.get(index) / 1e6;
    }
}
