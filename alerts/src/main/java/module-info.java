/**
 * Alerts to operators: events of interest become alerts with a severity, delivered off the kernel
 * thread to a JSON webhook, a Slack-compatible webhook or the Telegram Bot API, with a bounded
 * queue, retries, rate limits and de-duplication. Delivery never affects trading.
 */
module io.tradehost.alerts {
    requires transitive io.tradehost.api;
    requires transitive java.net.http;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports io.tradehost.alerts;
}
