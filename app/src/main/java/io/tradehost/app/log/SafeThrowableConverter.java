package io.tradehost.app.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.tradehost.api.host.PrintableText;
import java.util.Arrays;

/**
 * {@code %safeex} in the log pattern: a stack trace whose messages, class, method and file names
 * have their control characters escaped. A plugin's exception message is plugin text: without this
 * it could end the line it is printed on and forge the next. Logback creates it; stateless.
 */
public final class SafeThrowableConverter extends ThrowableProxyConverter {
    /** Logback instantiates it from the pattern. */
    public SafeThrowableConverter() {
        // no state of its own
    }

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(new Escaped(proxy));
    }

    /** A view of a throwable with its text escaped; causes and suppressed ones wrapped as they are asked for. */
    private record Escaped(IThrowableProxy inner) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return inner.getMessage() == null ? null : PrintableText.escape(inner.getMessage());
        }

        @Override
        public String getClassName() {
            return PrintableText.escape(inner.getClassName());
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return Arrays.stream(inner.getStackTraceElementProxyArray()).map(Escaped::frame)
                    .toArray(StackTraceElementProxy[]::new);
        }

        private static StackTraceElementProxy frame(StackTraceElementProxy frame) {
            StackTraceElement e = frame.getStackTraceElement();
            StackTraceElementProxy escaped = new StackTraceElementProxy(new StackTraceElement(
                    e.getClassLoaderName() == null ? null : PrintableText.escape(e.getClassLoaderName()),
                    e.getModuleName() == null ? null : PrintableText.escape(e.getModuleName()),
                    e.getModuleVersion() == null ? null : PrintableText.escape(e.getModuleVersion()),
                    PrintableText.escape(e.getClassName()), PrintableText.escape(e.getMethodName()),
                    e.getFileName() == null ? null : PrintableText.escape(e.getFileName()), e.getLineNumber()));
            escaped.setClassPackagingData(frame.getClassPackagingData());
            return escaped;
        }

        @Override
        public int getCommonFrames() {
            return inner.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return inner.getCause() == null ? null : new Escaped(inner.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = inner.getSuppressed();
            return suppressed == null ? null : Arrays.stream(suppressed).map(Escaped::new)
                    .toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return inner.isCyclic();
        }
    }
}
