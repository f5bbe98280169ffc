package dev.ghostrecords.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.ghostrecords.catalog.CatalogException;
import org.apache.camel.Exchange;

/** The operator page's few static files, from the classpath ({@code web/}); nothing else is served. */
public final class WebAssets {

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/ui/app.js", "app.js",
            "/ui/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    public void serve(Exchange exchange) throws IOException {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "/", String.class);
        String file = FILES.get(path.isEmpty() ? "/" : path);
        if (file == null) {
            throw new CatalogException.NotFound("no such page: " + path);
        }
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream("web/" + file)) {
            byte[] body = in.readAllBytes();
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
            exchange.getMessage().setHeader("Cache-Control", "no-cache");
            exchange.getMessage().setBody(body);
        }
    }
}
