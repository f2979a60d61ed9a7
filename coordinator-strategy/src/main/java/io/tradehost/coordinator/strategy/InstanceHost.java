package io.tradehost.coordinator.strategy;

import io.tradehost.api.market.BarInterval;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderList;
import io.tradehost.api.strategy.event.OrderListSpec;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.strategy.EventInstance.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An event-driven instance's view of the host, called by its strategy on the thread its callbacks run
 * on. Every method checks that the symbol is the instance's; a command goes into the batch of the
 * callback running (outside a callback it throws) and is carried out by {@link EventInstance#deliver}
 * on the kernel thread. Holds nothing of its own.
 */
final class InstanceHost implements StrategyHost {
    private final EventInstance instance;
    private final EventStrategies owner;

    InstanceHost(EventInstance instance, EventStrategies owner) {
        this.instance = instance;
        this.owner = owner;
    }

    @Override
    public String name() {
        return instance.name;
    }

    @Override
    public List<Symbol> symbols() {
        return instance.symbols();
    }

    @Override
    public Product product(Symbol symbol) {
        return owner.venues().product(instance.mine(symbol));
    }

    @Override
    public long nowNanos() {
        return owner.clock().nanos();
    }

    @Override
    public void subscribeQuotes(Symbol symbol) {
        instance.add("subscribeQuotes", new Op.Subscribe("quotes", instance.mine(symbol), null, 0));
    }

    @Override
    public void subscribeTrades(Symbol symbol) {
        instance.add("subscribeTrades", new Op.Subscribe("trades", instance.mine(symbol), null, 0));
    }

    @Override
    public void subscribeBars(Symbol symbol, BarInterval interval) {
        instance.add("subscribeBars", new Op.Subscribe("bars", instance.mine(symbol),
                Objects.requireNonNull(interval, "interval"), 0));
    }

    @Override
    public void subscribeBook(Symbol symbol, int levels) {
        if (levels < 1 || levels > BookDepth.MAX_LEVELS) {
            throw new IllegalArgumentException("a book subscription takes 1 to " + BookDepth.MAX_LEVELS
                    + " levels, not " + levels);
        }
        instance.add("subscribeBook", new Op.Subscribe("book", instance.mine(symbol), null, levels));
    }

    @Override
    public void subscribeFundingRate(Symbol symbol) {
        instance.add("subscribeFundingRate", new Op.Subscribe("funding", instance.mine(symbol), null, 0));
    }

    @Override
    public OrderHandle submit(OrderSpec spec) {
        instance.mine(spec.symbol());
        Handle handle = new Handle(owner.desk().nextHandleId(), instance, spec);
        instance.add("submit", new Op.Submit(handle));
        return handle;
    }

    @Override
    public OrderList submit(OrderListSpec spec) {
        instance.mine(spec.members().getFirst().symbol());
        Handle entry = spec.entry() == null ? null : new Handle(owner.desk().nextHandleId(), instance, spec.entry());
        List<Handle> exits = new ArrayList<>();
        for (OrderSpec exit : spec.exits()) {
            exits.add(new Handle(owner.desk().nextHandleId(), instance, exit,
                    entry == null ? HandleStatus.PENDING : HandleStatus.WAITING));
        }
        ListState list = new ListState(owner.desk().lists().nextId(), instance, spec, entry, exits);
        instance.add("submit", new Op.SubmitList(list));
        return list;
    }

    @Override
    public void cancel(OrderHandle order) {
        instance.add("cancel", new Op.Cancel(own(order)));
    }

    @Override
    public void cancelAll(Symbol symbol) {
        instance.add("cancelAll", new Op.CancelAll(instance.mine(symbol)));
    }

    @Override
    public void modify(OrderHandle order, Price price, Quantity quantity) {
        if (quantity != null && !quantity.isPositive()) {
            throw new IllegalArgumentException("a modified quantity must be positive, not " + quantity);
        }
        if (price != null && !price.isPositive()) {
            throw new IllegalArgumentException("a modified price must be positive, not " + price);
        }
        Handle handle = own(order);
        if (quantity != null && handle.list != null && handle != handle.list.entry) {
            throw new IllegalArgumentException("the quantity of " + handle + ", an exit of " + handle.list
                    + ", follows its list; modify its price only");
        }
        instance.add("modify", new Op.Modify(handle, price, quantity));
    }

    private Handle own(OrderHandle order) {
        if (!(order instanceof Handle h) || h.owner() != instance) {
            throw new IllegalArgumentException(order + " is not an order of strategy '" + instance.name + "'");
        }
        return h;
    }

    @Override
    public List<OrderHandle> openOrders(Symbol symbol) {
        instance.mine(symbol);
        List<OrderHandle> out = new ArrayList<>();
        instance.open.values().stream().filter(h -> h.symbol().equals(symbol) && h.isOpen()).forEach(out::add);
        EventInstance.Batch b = instance.batch();
        if (b != null) {
            b.submitted().stream().filter(h -> h.symbol().equals(symbol)).forEach(out::add);
        }
        return out;
    }

    @Override
    public void setTimer(String timer, Duration delay) {
        instance.add("setTimer", new Op.SetTimer(Objects.requireNonNull(timer, "name"), positive(delay), false));
    }

    @Override
    public void setRepeatingTimer(String timer, Duration period) {
        instance.add("setRepeatingTimer", new Op.SetTimer(Objects.requireNonNull(timer, "name"), positive(period),
                true));
    }

    /** The shortest timer delay or period: shorter would keep the kernel firing timers and nothing else. */
    static final Duration MIN_TIMER = Duration.ofMillis(1);
    /** The longest timer delay or period. */
    static final Duration MAX_TIMER = Duration.ofDays(366);

    private static Duration positive(Duration d) {
        if (d == null || d.compareTo(MIN_TIMER) < 0 || d.compareTo(MAX_TIMER) > 0) {
            throw new IllegalArgumentException("a timer's delay must be between 1 ms and 366 days, not " + d);
        }
        return d;
    }

    @Override
    public void cancelTimer(String timer) {
        instance.add("cancelTimer", new Op.CancelTimer(timer));
    }

    @Override
    public Set<String> timers() {
        return Set.copyOf(instance.timers.keySet());
    }

    @Override
    public Mark mark(Symbol symbol) {
        return owner.market().lastMark(instance.mine(symbol));
    }

    @Override
    public Position position(Symbol symbol) {
        return owner.portfolio().position(instance.mine(symbol));
    }

    @Override
    public Money equity() {
        return owner.portfolio().equity();
    }

    @Override
    public Money grossExposure() {
        return owner.portfolio().grossExposure();
    }

    @Override
    public TradingState tradingState(Symbol symbol) {
        return owner.tradingState().state(instance.mine(symbol));
    }
}
