package io.tradehost.admin.http;

/** Reaches the stream's package-private client for tests in other packages. */
public final class StreamAccess {
    private StreamAccess() {
    }

    public static Object open(EventStream stream) {
        return stream.open();
    }

    public static String nextName(Object client) throws InterruptedException {
        EventStream.Item item = ((EventStream.Client) client).next(1000);
        return item == null ? null : item.name;
    }
}
