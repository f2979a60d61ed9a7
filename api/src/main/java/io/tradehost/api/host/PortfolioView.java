package io.tradehost.api.host;

import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import java.util.List;

/** Positions, cash and equity as execution books them from fills. Read on the kernel thread only. */
public interface PortfolioView {
    /** The position in {@code symbol}; flat if none. */
    Position position(Symbol symbol);

    /** Every position the host has booked, in symbol order. */
    List<Position> positions();

    /** Cash in the account's quote currency. */
    Money cash();

    /** Net funding booked on {@code symbol} (negative when paid); zero for spot and when none was booked. */
    default Money funding(Symbol symbol) {
        return Money.ZERO;
    }

    /** Cash plus spot holdings at the mark plus unrealised PnL of perpetuals. */
    Money equity();

    /** Sum over products of |position value at the mark|. */
    Money grossExposure();

    /** Order outcome counts. */
    OrderCounters counters();
}
