package framebudgets.flightsql;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;

/** The endpoints of a FlightInfo as (ticket, location) pairs, where a null location means "the same server". */
final class Endpoints {
    private Endpoints() {}

    /** One endpoint: DoGet {@code ticket} on {@code location} (null = the connection that answered GetFlightInfo). */
    record Endpoint(Ticket ticket, URI location) {}

    static List<Endpoint> of(FlightInfo info) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            endpoints.add(new Endpoint(endpoint.getTicket(), location(endpoint.getLocations())));
        }
        return endpoints;
    }

    private static URI location(List<Location> locations) {
        if (locations.isEmpty()) {
            return null;
        }
        URI uri = locations.get(0).getUri();
        return uri.equals(Location.reuseConnection().getUri()) ? null : uri;
    }
}
