package dev.ghostrecords.api;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port checked before the service starts: Vert.x only logs a failed bind and Camel would go on
 * (watcher and schedules running, no HTTP), so a taken port stops the start here, named.
 */
final class Ports {

    private Ports() {
    }

    static void requireFree(String host, int port, String variable) {
        try (ServerSocket socket = new ServerSocket()) {
            // as Vert.x binds: a port left in TIME_WAIT by a stopped service is free
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage();
            if (reason.contains("ermission")) {
                throw new IllegalArgumentException("port " + port + " needs privileges this user does not have: set "
                        + variable + " to a port above 1023");
            }
            if (reason.contains("assign")) {
                throw new IllegalArgumentException("GHOST_HTTP_HOST='" + host + "' is not an address of this machine;"
                        + " set it to one, such as 127.0.0.1 (setting camel.server.host)");
            }
            throw new IllegalArgumentException("port " + port + " is in use: set " + variable
                    + " to a free port, or stop what listens on it");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "): set "
                    + variable + " to a port this user may use");
        }
    }
}
