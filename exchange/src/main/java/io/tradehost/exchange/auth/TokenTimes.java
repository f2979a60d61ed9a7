package io.tradehost.exchange.auth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The time claims of a token, judged in whole seconds with five seconds of clock skew: {@code nbf}
 * not in the future, {@code exp} not past, {@code exp} after {@code nbf} by at most five minutes
 * (Coinbase's clients ask for 120 s), and {@code iat}, when present, not in the future nor older
 * than the longest lifetime. Every bound is checked against now before two claims are subtracted,
 * so no pair of numbers (say {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE}) can overflow into a
 * token that never expires.
 */
final class TokenTimes {
    /** How far the client's clock may be from the exchange's. */
    static final long SKEW_SECONDS = 5;
    /** The longest lifetime accepted: Coinbase's clients sign 120 s, some configurable up to this. */
    static final long MAX_LIFETIME_SECONDS = 300;

    private TokenTimes() {
    }

    /** Refuses {@code claims} unless their times hold at {@code now} (epoch seconds). */
    static void check(JsonNode claims, long now) throws JwtVerifier.Refused {
        JsonNode nbfClaim = claims.get("nbf");
        JsonNode expClaim = claims.get("exp");
        if (!isSeconds(nbfClaim) || !isSeconds(expClaim)) {
            throw new JwtVerifier.Refused("JWT needs numeric nbf and exp claims (seconds since the epoch)");
        }
        long nbf = nbfClaim.asLong();
        long exp = expClaim.asLong();
        if (nbf > now + SKEW_SECONDS) {
            throw new JwtVerifier.Refused("JWT not valid yet (nbf " + nbf + ", now " + now + ")");
        }
        if (exp < now - SKEW_SECONDS) {
            throw new JwtVerifier.Refused("JWT expired (exp " + exp + ", now " + now + ")");
        }
        // both within the longest lifetime of now first: then exp - nbf is small and cannot overflow
        long reach = MAX_LIFETIME_SECONDS + SKEW_SECONDS;
        if (nbf < now - reach || exp > now + reach || exp <= nbf || exp - nbf > MAX_LIFETIME_SECONDS) {
            throw new JwtVerifier.Refused("JWT lifetime must be positive and at most " + MAX_LIFETIME_SECONDS
                    + " s around now (nbf " + nbf + ", exp " + exp + ", now " + now + ")");
        }
        JsonNode iatClaim = claims.get("iat");
        if (iatClaim != null) {
            if (!isSeconds(iatClaim)) {
                throw new JwtVerifier.Refused("JWT iat must be a number (seconds since the epoch)");
            }
            long iat = iatClaim.asLong();
            if (iat > now + SKEW_SECONDS || iat < now - reach) {
                throw new JwtVerifier.Refused("JWT iat must be within " + reach + " s before now (iat " + iat
                        + ", now " + now + ")");
            }
        }
    }

    /** A JSON number that fits a long (RFC 7519 NumericDate; a fraction is cut to whole seconds). */
    private static boolean isSeconds(JsonNode n) {
        return n != null && n.isNumber() && n.canConvertToLong();
    }
}
