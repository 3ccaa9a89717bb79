package framebudgets.standin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * What a DoGet asks for besides its SQL: the micromegas {@code query_range_begin},
 * {@code query_range_end} and {@code limit} headers, read the way micromegas 0.11 reads them (an
 * empty header is absent; a range needs both ends; errors are INTERNAL with micromegas' wording).
 */
record QueryOptions(Optional<QueryRange> range, OptionalLong limit) {

    static final String RANGE_BEGIN = "query_range_begin";
    static final String RANGE_END = "query_range_end";
    static final String LIMIT = "limit";

    static final QueryOptions NONE = new QueryOptions(Optional.empty(), OptionalLong.empty());

    static QueryOptions from(CallHeaders headers) {
        return from(headers, MicromegasProfile.V0_11);
    }

    static QueryOptions from(CallHeaders headers, MicromegasProfile profile) {
        try {
            Optional<Instant> begin = timestamp(headers, RANGE_BEGIN);
            Optional<Instant> end = timestamp(headers, RANGE_END);
            Optional<QueryRange> range = begin.isPresent() && end.isPresent()
                    ? Optional.of(new QueryRange(begin.get(), end.get()))
                    : Optional.empty();
            return new QueryOptions(range, limit(headers));
        } catch (FlightRuntimeException e) {
            if (profile == MicromegasProfile.V0_11) {
                throw e;
            }
            throw CallStatus.INVALID_ARGUMENT.withDescription(e.status().description()).toRuntimeException();
        }
    }

    private static Optional<String> header(CallHeaders headers, String name) {
        String value = headers.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> timestamp(CallHeaders headers, String name) {
        Optional<String> value = header(headers, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant instant = OffsetDateTime.parse(value.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            QueryRange.epochNanos(instant);
            return Optional.of(instant);
        } catch (DateTimeParseException e) {
            throw internal("Unable to parse " + name + " as a rfc3339 datetime: " + e.getMessage());
        } catch (ArithmeticException e) {
            throw internal("Unable to parse " + name + " as a rfc3339 datetime: " + value.get()
                    + " is outside the nanosecond timestamp range (1677-09-21 to 2262-04-11)");
        }
    }

    private static OptionalLong limit(CallHeaders headers) {
        Optional<String> value = header(headers, LIMIT);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long limit = Long.parseLong(value.get());
            if (limit < 0) {
                throw internal("error parsing limit: " + value.get() + " is negative");
            }
            return OptionalLong.of(limit);
        } catch (NumberFormatException e) {
            throw internal("error parsing limit: " + e.getMessage());
        }
    }

    private static FlightRuntimeException internal(String message) {
        return CallStatus.INTERNAL.withDescription(message).toRuntimeException();
    }
}
