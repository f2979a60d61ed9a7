package io.tradehost.api.host;

/**
 * How the host tells a failure it can contain from one that ends the process. Anything plugin or
 * handler code throws is contained (logged, counted, handled by the caller's rule), with one
 * exception: a failure of the JVM itself ({@link VirtualMachineError}: out of memory, an internal
 * error), after which nothing in the process can be trusted. {@link StackOverflowError} is a
 * virtual-machine error that only the overflowing call suffers, so it is contained too. Stateless.
 */
public final class Throwables {
    private Throwables() {
    }

    /** Whether {@code failure} must end the process rather than be contained. */
    public static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    /** Rethrows {@code failure} if it is fatal; returns otherwise, so the caller can contain it. */
    public static void rethrowIfFatal(Throwable failure) {
        if (isFatal(failure)) {
            throw (VirtualMachineError) failure;
        }
    }

    /** {@code ClassName: message} (or just the class name), for one-line reports. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
