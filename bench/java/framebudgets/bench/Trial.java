package framebudgets.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a benchmark's contenders side by side: warm-up rounds, then timed rounds in which every
 * contender runs once, the starting contender rotating each round, so noise on the shared machine
 * hits all of them alike. A garbage collection runs before each timed run, so one contender's
 * garbage is not collected on another's clock. A contender whose answer changes between runs
 * fails the trial.
 */
final class Trial {

    private static final Logger LOG = LoggerFactory.getLogger(Trial.class);

    private final int warmups;
    private final int repetitions;

    Trial(int warmups, int repetitions) {
        if (warmups < 0 || repetitions < 1) {
            throw new IllegalArgumentException("warm-ups must be >= 0 and repetitions >= 1, got "
                    + warmups + " and " + repetitions);
        }
        this.warmups = warmups;
        this.repetitions = repetitions;
    }

    int warmups() {
        return warmups;
    }

    int repetitions() {
        return repetitions;
    }

    List<Measurement> run(List<Contender> contenders) throws Exception {
        Map<Contender, Contender.Answer> answers = new LinkedHashMap<>();
        Map<Contender, List<Long>> times = new LinkedHashMap<>();
        for (Contender contender : contenders) {
            times.put(contender, new ArrayList<>());
        }
        for (int round = 0; round < warmups + repetitions; round++) {
            boolean timed = round >= warmups;
            for (int i = 0; i < contenders.size(); i++) {
                Contender contender = contenders.get((i + round) % contenders.size());
                System.gc();
                long start = System.nanoTime();
                Contender.Answer answer = contender.work().run();
                long elapsed = System.nanoTime() - start;
                Contender.Answer earlier = answers.putIfAbsent(contender, answer);
                if (earlier != null && !earlier.equals(answer)) {
                    throw new IllegalStateException(contender.label() + " answered " + answer
                            + " after answering " + earlier);
                }
                if (timed) {
                    times.get(contender).add(elapsed);
                }
                LOG.info("{} round {}: {} in {} ms", timed ? "timed" : "warm-up", round + 1, contender.label(),
                        elapsed / 1_000_000);
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Contender contender : contenders) {
            measurements.add(new Measurement(contender, answers.get(contender), times.get(contender)));
        }
        return measurements;
    }
}
