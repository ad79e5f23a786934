package io.hearth.server.http;

import io.javalin.config.RoutesConfig;

/** One feature's routes, declared in one place. */
public interface RouteTable {
    void addTo(RoutesConfig routes, Requests requests);
}
