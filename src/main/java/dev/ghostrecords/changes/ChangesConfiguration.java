package dev.ghostrecords.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The change feed (routes/changes.camel.yaml): GET /api/changes and GET /feeds/changes.atom. */
public final class ChangesConfiguration implements CamelConfiguration {

    @BindToRegistry
    public ChangeRequests changeRequests() {
        return new ChangeRequests();
    }

    @BindToRegistry
    public Changes changes(@BeanInject("jsonMapper") ObjectMapper json) {
        return new Changes(json);
    }
}
