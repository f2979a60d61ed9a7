package io.tradehost.api.host;

/**
 * What an operator can ask of a running host. Each action's {@link #path()} is its name in the
 * admin API ({@code POST /api/v1/operator/<path>}) and in the CLI ({@code tradehost operator <path>}).
 */
public enum OperatorAction {
    /** Hold the host in reduce-only (reason {@code operator.reduce_only}). */
    REDUCE_ONLY("reduce-only", false),
    /** Halt the host (reason {@code operator.halt}). */
    HALT("halt", false),
    /** Clear every reason an operator raised. */
    RESUME("resume", false),
    /** Clear one reason, by code, whatever its clearing rule; the argument is the code. */
    CLEAR("clear", true),
    /** Cancel every open order at the venue. */
    CANCEL_ALL("cancel-all", false),
    /** Close one symbol's position with an order through the normal guard path; the argument is the symbol. */
    CLOSE("close", true);

    private final String path;
    private final boolean takesArgument;

    OperatorAction(String path, boolean takesArgument) {
        this.path = path;
        this.takesArgument = takesArgument;
    }

    /** The action's name in the admin API and the CLI. */
    public String path() {
        return path;
    }

    /** Whether the action names a reason code or a symbol. */
    public boolean takesArgument() {
        return takesArgument;
    }

    /** The action named {@code path}, or null if there is none. */
    public static OperatorAction ofPath(String path) {
        for (OperatorAction a : values()) {
            if (a.path.equals(path)) {
                return a;
            }
        }
        return null;
    }
}
