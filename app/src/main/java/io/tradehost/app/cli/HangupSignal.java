package io.tradehost.app.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGHUP asks for a configuration reload, as daemons do. The JDK has no supported API for it:
 * this uses {@code sun.misc.Signal} (module jdk.unsupported, in the image), reflectively so the
 * strict build has no proprietary-API warning to ignore. Closing it puts the previous handler back.
 */
final class HangupSignal implements AutoCloseable {
    private final Method handle;
    private final Object hup;
    private final Object previous;

    /**
     * @param onHangup runs on the JVM's signal thread; must not block for long
     * @throws IllegalArgumentException if the platform has no SIGHUP (or no way to catch it)
     */
    HangupSignal(Runnable onHangup) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            this.hup = signal.getConstructor(String.class).newInstance("HUP");
            this.handle = signal.getMethod("handle", signal, handler);
            Object ours = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            onHangup.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "SIGHUP reload handler";
                    });
            this.previous = handle.invoke(null, hup, ours);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot handle SIGHUP: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("cannot handle SIGHUP: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            handle.invoke(null, hup, previous);
        } catch (ReflectiveOperationException e) {
            // the JVM is going away with the handler it had; nothing to restore
        }
    }
}
