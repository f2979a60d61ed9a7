package io.tradehost.exchange.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.engine.MatchingEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /v2/accounts}, private: the Coinbase App's account list, one wallet per currency
 * with its total balance (the v3 accounts' available plus hold), which ccxt's fetchBalance reads
 * by default. Ids are the v3 account uuids; pages follow {@code limit} (25 by default, at most
 * 300) and {@code starting_after}.
 */
final class V2Accounts {
    static final String PATH = "/v2/accounts";
    private static final int MAX_LIMIT = 300;

    private final MatchingEngine engine;
    private final CurrencyCatalog catalog;

    V2Accounts(MatchingEngine engine, CurrencyCatalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    Answer answer(Fields query) {
        int limit = query.getValue("limit") == null ? 25 : Math.min(MAX_LIMIT, Params.positive(query, "limit"));
        String after = query.getValue("starting_after");
        Map<String, BigDecimal> balances = engine.balances();
        List<String> currencies = new ArrayList<>(new TreeSet<>(balances.keySet()));
        int start = after == null ? 0 : currencies.indexOf(after.replaceFirst("^account-", "")) + 1;
        if (after != null && start == 0) {
            return PublicV2.error(400, "invalid_request", "starting_after names no account: " + after);
        }
        List<String> page = currencies.subList(start, Math.min(currencies.size(), start + limit));
        ObjectNode n = Answer.JSON.createObjectNode();
        boolean more = start + limit < currencies.size();
        String next = more ? "account-" + page.get(page.size() - 1) : null;
        ObjectNode p = n.putObject("pagination");
        p.putNull("ending_before");
        p.put("starting_after", after);
        p.putNull("previous_ending_before");
        p.put("next_starting_after", next);
        p.put("limit", limit);
        p.put("order", "desc");
        p.putNull("previous_uri");
        p.put("next_uri", next == null ? null : PATH + "?limit=" + limit + "&starting_after=" + next);
        ArrayNode data = n.putArray("data");
        for (String c : page) {
            boolean fiat = catalog.fiat(c).isPresent();
            ObjectNode a = data.addObject();
            a.put("id", "account-" + c);
            a.put("name", c + " Wallet");
            a.put("primary", c.equals("USD"));
            a.put("type", fiat ? "fiat" : "wallet");
            a.set("currency", currency(c));
            ObjectNode balance = a.putObject("balance");
            balance.put("amount", balances.get(c).stripTrailingZeros().toPlainString());
            balance.put("currency", c);
            a.putNull("created_at");
            a.putNull("updated_at");
            a.put("resource", "account");
            a.put("resource_path", PATH + "/account-" + c);
            a.put("allow_deposits", true);
            a.put("allow_withdrawals", true);
        }
        return new Answer(200, n);
    }

    private ObjectNode currency(String code) {
        return catalog.crypto(code).map(PublicV2::crypto).orElseGet(() -> {
            ObjectNode o = Answer.JSON.createObjectNode();
            o.put("code", code);
            o.put("name", catalog.fiat(code).map(CurrencyCatalog.Fiat::name).orElse(code));
            o.put("color", "#0066CF");
            o.put("sort_index", 0);
            o.put("exponent", 2);
            o.put("type", "fiat");
            return o;
        });
    }
}
