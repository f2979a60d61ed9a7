package io.tradehost.exchange.http;

/**
 * The endpoints under {@code /api/v3/brokerage}, told apart by method and path alone, so that an
 * unknown path is refused, and a private one authenticated, before a byte of the body is read.
 */
enum Endpoint {
    TIME(false, false),
    PUBLIC_PRODUCTS(false, false),
    PUBLIC_PRODUCT(false, false),
    PRODUCTS(true, false),
    PRODUCT(true, false),
    ACCOUNTS(true, false),
    TRANSACTION_SUMMARY(true, false),
    CREATE_ORDER(true, true),
    CANCEL_ORDERS(true, true),
    EDIT_ORDER(true, true),
    LIST_ORDERS(true, false),
    LIST_FILLS(true, false),
    GET_ORDER(true, false),
    POSITIONS(true, false),
    /** Positions of a portfolio the exchange does not keep: authenticated, then 404. */
    OTHER_POSITIONS(true, false),
    FUNDING(true, false);

    private final boolean authenticated;
    private final boolean hasBody;

    Endpoint(boolean authenticated, boolean hasBody) {
        this.authenticated = authenticated;
        this.hasBody = hasBody;
    }

    /** Whether it needs a JWT (and counts against the private rate limit). */
    boolean authenticated() {
        return authenticated;
    }

    /** Whether its request body is read (bounded); the others' bodies never are. */
    boolean hasBody() {
        return hasBody;
    }

    /**
     * The endpoint {@code method} {@code path} names, or null.
     *
     * @param path the path after {@code /api/v3/brokerage}, e.g. {@code /orders/historical/batch}
     */
    static Endpoint match(String method, String path) {
        if (method.equals("POST")) {
            return switch (path) {
                case "/orders" -> CREATE_ORDER;
                case "/orders/batch_cancel" -> CANCEL_ORDERS;
                case "/orders/edit" -> EDIT_ORDER;
                default -> null;
            };
        }
        if (!method.equals("GET")) {
            return null;
        }
        return switch (path) {
            case "/time" -> TIME;
            case "/market/products" -> PUBLIC_PRODUCTS;
            case "/products" -> PRODUCTS;
            case "/accounts" -> ACCOUNTS;
            case "/transaction_summary" -> TRANSACTION_SUMMARY;
            case "/orders/historical/batch" -> LIST_ORDERS;
            case "/orders/historical/fills" -> LIST_FILLS;
            default -> withParameter(path);
        };
    }

    private static Endpoint withParameter(String path) {
        if (parameter(path, "/market/products/") != null) {
            return PUBLIC_PRODUCT;
        }
        if (parameter(path, "/products/") != null) {
            return PRODUCT;
        }
        if (parameter(path, "/orders/historical/") != null) {
            return GET_ORDER;
        }
        String portfolio = parameter(path, "/intx/positions/");
        if (portfolio != null) {
            return portfolio.equals(RestApi.PORTFOLIO) ? POSITIONS : OTHER_POSITIONS;
        }
        if (path.equals("/intx/funding/" + RestApi.PORTFOLIO)) {
            return FUNDING;
        }
        return null;
    }

    /** The one path segment after {@code prefix}, or null when {@code path} is not prefix + segment. */
    static String parameter(String path, String prefix) {
        if (!path.startsWith(prefix) || path.length() == prefix.length()) {
            return null;
        }
        String rest = path.substring(prefix.length());
        return rest.indexOf('/') < 0 ? rest : null;
    }
}
