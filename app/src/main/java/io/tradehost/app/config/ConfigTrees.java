package io.tradehost.app.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A configuration's tree as a Jackson tree, to diff and flatten. Stateless. */
public final class ConfigTrees {
    /** Thread-safe once configured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigTrees() {
    }

    /** {@code config}'s tree (as read: defaults, profile, file, overrides). */
    public static ObjectNode of(HostConfig config) {
        return MAPPER.valueToTree(config.tree());
    }
}
