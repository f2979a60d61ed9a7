package io.tradehost.admin;

import java.util.List;
import java.util.Objects;

/**
 * The hosts of the fleet this host belongs to, as the fleet's registry holds them: what
 * {@code /api/v1/fleet}, the Prometheus service discovery at {@code /api/v1/fleet/targets} and the
 * dashboard's fleet page show. Called on request threads; may block for a few seconds.
 */
@FunctionalInterface
public interface FleetView {
    /**
     * One host.
     *
     * @param account its account
     * @param hostId its {@code host.id}
     * @param role {@code primary}, {@code standby} or {@code stopped}
     * @param state its trading state, or {@code STANDBY}
     * @param equity its equity as a decimal in the quote currency, or null (a standby has none)
     * @param adminUrl its admin API's base address ({@code http://host:port}), or null when off
     * @param leaseToken the fencing token it trades with, 0 for none
     * @param holdsLease whether it holds its account's lease now
     * @param heartbeatAgeSeconds how long ago it last beat, on the registry server's clock
     */
    record Member(String account, String hostId, String role, String state, String equity, String adminUrl,
                  long leaseToken, boolean holdsLease, double heartbeatAgeSeconds) {
        public Member {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(hostId, "hostId");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * Every host, by account and host id.
     *
     * @throws RuntimeException if the registry cannot be read (answered 503 with its message)
     */
    List<Member> members();
}
