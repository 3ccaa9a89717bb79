package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A failure without a message is named by its class, never "null". */
class FailureReasonTest {

    @Test
    void aMessageIsKept() {
        assertEquals("server said no", FailureReason.of(new IllegalStateException("server said no")));
    }

    @Test
    void noMessageNamesTheClass() {
        assertEquals("java.lang.UnsupportedOperationException (no message)",
                FailureReason.of(new UnsupportedOperationException()));
        assertEquals("java.lang.NullPointerException (no message)", FailureReason.of(new NullPointerException(" ")));
    }
}
