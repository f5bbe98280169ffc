package dev.ghostrecords.web;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The operator page (routes/web.camel.yaml). */
public final class WebConfiguration implements CamelConfiguration {

    @BindToRegistry
    public WebAssets webAssets() {
        return new WebAssets();
    }
}
